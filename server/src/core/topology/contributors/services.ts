// Network view: Service → the workloads its selector selects (`selects`, labelled with the ports).
import { objectsOfKind, servicePorts, workloadsSelectedByService } from '../../model/joins';
import type { TopologyContributor } from '../contributor';

export const services: TopologyContributor = {
  id: 'services',
  views: ['network'],
  contribute({ ws, g }) {
    for (const svc of objectsOfKind(ws, 'Service')) {
      if (!svc.name) continue;
      const from = g.object(svc);
      const ports = servicePorts(svc);
      const label = ports.map((p) => (String(p.targetPort) === String(p.port) ? `${p.port}` : `${p.port}→${p.targetPort}`)).join(', ');
      for (const w of workloadsSelectedByService(ws, svc)) {
        g.edge(from, g.object(w.object), 'selects', { ...(label ? { label } : {}), ...(ports.length === 1 ? { port: ports[0].port } : {}) });
      }
    }
  },
};
