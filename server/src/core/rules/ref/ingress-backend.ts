import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { findService, servicePorts } from '../../model/joins';
import { BACKEND_KINDS, serviceBackends } from './backends';
import { isSubstituted, relatedAt } from './helpers';

export default defineRule({
  id: 'ref/ingress-backend',
  severity: 'error',
  category: 'references',
  profile: 'baseline',
  seed: 'drupal-aks-flux: Traefik IngressRoute → Service drupal:80; azure-saas-aks: Ingress / → frontend, /api → backend; openshift-task-api-argocd: Route (TLS) → Service.',
  docs: 'Every backend of an Ingress (`networking.k8s.io/v1`), a Traefik IngressRoute (`traefik.io` or `traefik.containo.us`, `routes[].services[]`) or an OpenShift Route (`spec.to`, `alternateBackends`) must name a Service that exists in the workspace, in the right namespace, and one of its ports.',
  details:
    'The Service is looked up by name in the namespace of the routing object (a Traefik service entry may name another `namespace`). ' +
    'An Ingress port (`port.number` / `port.name`) and a Traefik `port` must be a Service `port` or a Service port `name`. ' +
    'A Route `spec.port.targetPort` must be the name of a Service port, or a target port of the Service (by name or number). ' +
    '`TraefikService` backends and names with Flux `${VAR}` substitutions are not checked.',
  messages: {
    noService: '{kind} "{name}" routes to Service "{service}", which does not exist in namespace "{ns}".',
    noPort: '{kind} "{name}" routes to port {port} of Service "{service}", which has no such port (ports: {ports}).',
  },
  appliesTo: BACKEND_KINDS,
  check(obj, ctx) {
    for (const b of serviceBackends(ctx.model, obj)) {
      if (isSubstituted(b.name) || isSubstituted(b.namespace)) continue;
      const svc = findService(ctx.model, b.namespace, b.name);
      const data = { kind: obj.kind, name: obj.name ?? '(unnamed)', service: b.name, ns: b.namespace };
      if (!svc) {
        ctx.report(locate(obj, b.namePath), 'noService', data);
        continue;
      }
      if (b.port === undefined || !b.portPath) continue;
      const ports = servicePorts(svc);
      if (ports.length === 0 && valueAt(svc.value, ['spec', 'type']) === 'ExternalName') continue;
      const port = b.port;
      const ok = ports.some((p) => {
        if (b.portKind === 'route-target-port') {
          return typeof port === 'number' ? p.targetPort === port || p.port === port : p.name === port || p.targetPort === port;
        }
        return typeof port === 'number' ? p.port === port : p.name === port;
      });
      if (ok) continue;
      const list = ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
      ctx.report(
        locate(obj, b.portPath),
        'noPort',
        { ...data, port: typeof port === 'number' ? String(port) : `"${port}"`, ports: list },
        [],
        [relatedAt(svc, ports.length ? ['spec', 'ports'] : ['metadata', 'name'], `Service ${b.namespace}/${b.name} ports: ${list}`)],
      );
    }
  },
});
