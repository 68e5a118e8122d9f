// Network view: workload → the data stores and services its configuration
// names (`connects-to`, with port and TLS; endpoints.ts). A host that is a
// Service of the workspace (`redis`, `redis.cache`, `redis.cache.svc.cluster.local`)
// links to that Service.
import { allWorkloads, findService } from '../../model/joins';
import { bareHost } from '../../model/connection-strings';
import type { TopologyContributor } from '../contributor';
import { endpointsOf } from '../endpoints';

export const external: TopologyContributor = {
  id: 'external',
  views: ['network'],
  contribute({ ws, g }) {
    for (const w of allWorkloads(ws)) {
      if (!w.object.name) continue;
      const ns = g.ns(w.object);
      const serviceOf = (host: string) => {
        const m = /^([a-z0-9-]+)(?:\.([a-z0-9-]+))?(?:\.svc(?:\.cluster\.local)?)?\.?$/.exec(bareHost(host).toLowerCase());
        return m ? findService(ws, m[2] ?? ns, m[1]) : undefined;
      };
      const endpoints = endpointsOf(ws, w, (host) => !!serviceOf(host));
      if (endpoints.length === 0) continue;
      const from = g.object(w.object);
      for (const e of endpoints) {
        const label = `${e.port ?? ''}${e.tls === true ? ' TLS' : e.tls === false ? ' plain' : ''}`.trim() || undefined;
        const svc = serviceOf(e.host);
        const to = svc
          ? g.object(svc)
          : g.synthetic({ id: `external:${e.host}${e.port ? `:${e.port}` : ''}`, kind: e.service, name: e.host, category: 'external', detail: label });
        g.edge(from, to, 'connects-to', { ...(label ? { label } : {}), ...(e.port ? { port: e.port } : {}), ...(e.tls !== undefined ? { tls: e.tls } : {}), note: `from ${e.source}` });
      }
    }
  },
};
