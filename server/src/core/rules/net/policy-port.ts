import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { containerPorts } from '../../model/joins';
import { formatPolicyPort, policyOf, policyPortCovers } from '../../model/network';

export default defineRule({
  id: 'net/policy-port',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "NetworkPolicy: Ingress from frontend on port 8000" (the Service port) vs "Container port 5000" — policies see the pod port.',
  docs: "An ingress rule's port (number, range or name) is not a container port of any pod the policy selects: the rule opens nothing, and the traffic meant for it is dropped.",
  details: [
    'NetworkPolicies are enforced on the pod, after the Service has translated its port to the `targetPort`: a rule must name the container port (`5000`), not the Service port (`8000`). Named ports are resolved against the `ports[].name` of the selected containers.',
    'Only workloads that declare their container ports are checked; a policy whose selected workloads declare none is skipped.',
  ].join('\n\n'),
  messages: {
    unexposed: 'Port {port} is not a container port of the pods this policy selects ({exposed}): the rule opens nothing.',
  },
  appliesTo: ['NetworkPolicy'],
  check(obj, ctx) {
    const p = policyOf(ctx.model, obj);
    if (!p) return;
    const declared = p.selects.map((w) => ({ w, ports: containerPorts(w) })).filter((x) => x.ports.length > 0);
    if (declared.length === 0) return;
    const exposed = declared
      .map(({ w, ports }) => `${w.object.kind} "${w.object.name}": ${ports.map((cp) => `${cp.containerPort}/${cp.protocol}${cp.name ? ` (${cp.name})` : ''}`).join(', ')}`)
      .join('; ');
    for (const rule of p.ingress) {
      for (const port of rule.ports) {
        if (port.port === undefined) continue;
        const open = declared.some(({ ports }) => ports.some((cp) => policyPortCovers(port, cp.containerPort, cp.protocol, cp.name)));
        if (open) continue;
        ctx.report(locate(obj, [...port.path, 'port']), 'unexposed', { port: formatPolicyPort(port), exposed });
      }
    }
  },
});
