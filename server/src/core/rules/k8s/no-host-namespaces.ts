import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { removeKey } from '../../fixes/yaml-edit';
import { fixIfAny, podLabel } from './container-helpers';

/** The pod spec fields that put a pod into a namespace of the node, and the message for each. */
const HOST_NAMESPACES = [
  { field: 'hostNetwork', messageId: 'hostNetwork' },
  { field: 'hostPID', messageId: 'hostPID' },
  { field: 'hostIPC', messageId: 'hostIPC' },
] as const;

export default defineRule({
  id: 'k8s/no-host-namespaces',
  severity: 'error',
  category: 'security',
  profile: 'baseline',
  seed: 'helm-staging-argocd: "Host access: DENIED" for every process.',
  docs: "A pod must not share the node's network, process or IPC namespace (`hostNetwork`, `hostPID`, `hostIPC` set to true).",
  details:
    "`hostNetwork: true` puts the pod on the node's network stack: it can bind any port of the node, reach services listening on localhost and bypass NetworkPolicies. `hostPID: true` lets its containers see and signal every process of the node (and read their environment); `hostIPC: true` lets them read other processes' shared memory. Application pods need none of them: expose ports through a Service instead. The quick fix removes the field (false is the default); it is offered in the editor but not applied by `--fix`, because node agents that really need the namespace stop working.",
  messages: {
    hostNetwork: "{who} uses the node's network namespace (hostNetwork: true): it can bind the node's ports and bypass NetworkPolicies.",
    hostPID: "{who} shares the node's process namespace (hostPID: true): it can see and signal every process on the node.",
    hostIPC: "{who} shares the node's IPC namespace (hostIPC: true): it can read other processes' shared memory.",
  },
  fixes: ['Remove hostNetwork: true', 'Remove hostPID: true', 'Remove hostIPC: true'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    for (const { field, messageId } of HOST_NAMESPACES) {
      if (w.podSpec[field] !== true) continue;
      const path = [...w.podSpecPath, field];
      ctx.report(locate(obj, path), messageId, { who: podLabel(w) }, fixIfAny(`Remove ${field}: true`, removeKey(obj.doc, path), { safe: false }));
    }
  },
});
