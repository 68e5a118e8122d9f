import { defineRule } from '../rule';
import { Container, K8sObject, locate, nodeOf, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import type { Fix } from '../../types';
import { appendToSequence, replaceNode, setValue } from '../../fixes/yaml-edit';
import { containerField, containerLabel, fixIfAny, isRecord, isWindowsPod, securityContextPath } from './container-helpers';

/**
 * Capability names are compared exactly as Pod Security admission does: it looks
 * for "ALL" in drop and allows only "NET_BIND_SERVICE" in add. Container runtimes
 * also accept `all`, but a namespace enforcing the restricted profile rejects it,
 * so a lower-case `all` is reported with a fix that only changes its spelling.
 */
const ALL = 'ALL';
const ADDABLE = 'NET_BIND_SERVICE';

type DropMessage = 'notDropped' | 'notList' | 'lowerCase';

/**
 * Whether `capabilities.drop` contains ALL, and if not, the finding: a wrong
 * spelling of ALL, a string where the list belongs, or ALL missing (the fix
 * appends it to the list, or creates drop, capabilities and securityContext).
 */
function checkDrop(obj: K8sObject, c: Container, report: (path: PathSegment[], messageId: DropMessage, data: Record<string, string>, fixes: Fix[]) => void): void {
  const caps = containerField(c, 'capabilities');
  const dropPath = [...securityContextPath(c), 'capabilities', 'drop'];
  const drop = isRecord(caps?.value) ? caps.value.drop : undefined;
  const container = containerLabel(c);
  if (Array.isArray(drop)) {
    if (drop.includes(ALL)) return;
    const lower = drop.findIndex((x) => typeof x === 'string' && x.toUpperCase() === ALL);
    const lowerNode = lower >= 0 ? nodeOf(obj, [...dropPath, lower]) : undefined;
    if (lowerNode) {
      report([...dropPath, lower], 'lowerCase', { container, value: String(drop[lower]) }, fixIfAny('Write ALL in capitals', replaceNode(obj.doc, lowerNode, ALL)));
      return;
    }
    report(dropPath, 'notDropped', { container }, fixIfAny('Add ALL to capabilities.drop', appendToSequence(obj.doc, dropPath, ALL)));
    return;
  }
  if (typeof drop === 'string') {
    // The API server rejects a string here: make it a list that keeps the entry.
    const list = drop.toUpperCase() === ALL ? [ALL] : [drop, ALL];
    report(dropPath, 'notList', { container, value: JSON.stringify(drop) }, fixIfAny('Write capabilities.drop as a list with ALL', setValue(obj.doc, dropPath, list)));
    return;
  }
  report(dropPath, 'notDropped', { container }, fixIfAny('Add drop: [ALL] to capabilities', setValue(obj.doc, dropPath, [ALL])));
}

export default defineRule({
  id: 'k8s/drop-all-capabilities',
  severity: 'warning',
  category: 'security',
  profile: 'restricted',
  seed: 'helm-staging-argocd: "capabilities: drop ALL"; openshift-task-api-argocd: "Drop all capabilities"; azure-saas-aks: capabilities.drop: [ALL].',
  docs: 'Every container must drop all Linux capabilities (`capabilities.drop` contains `ALL`) and may add back only `NET_BIND_SERVICE`.',
  details:
    'Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID, ...) that a web application does not need and an attacker can use (NET_RAW for spoofing, DAC_OVERRIDE to ignore file permissions). Drop them all with `capabilities: { drop: [ALL] }` in each container securityContext (init containers included) and add back only `NET_BIND_SERVICE` when a non-root process must listen on a port below 1024. Capability names are case-sensitive for Pod Security admission: write `ALL`, not `all`. The quick fix adds `ALL` to `drop` (creating `capabilities` and `securityContext` as needed) or corrects the spelling of `all`; added capabilities are reported one by one and have no fix, because removing one may break the container.',
  messages: {
    notDropped: 'Container "{container}" keeps the default Linux capabilities: add ALL to securityContext.capabilities.drop.',
    notList: 'Container "{container}" sets capabilities.drop to the string {value}: it must be a list that contains ALL.',
    lowerCase: 'Container "{container}" drops "{value}": Pod Security admission only recognises "ALL" in capitals.',
    added: 'Container "{container}" adds the {capability} capability: only NET_BIND_SERVICE may be added.',
  },
  fixes: ['Add drop: [ALL] to capabilities', 'Add ALL to capabilities.drop', 'Write ALL in capitals', 'Write capabilities.drop as a list with ALL'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w)) return;
    for (const c of w.containers) {
      checkDrop(obj, c, (path, messageId, data, fixes) => ctx.report(locate(obj, path), messageId, data, fixes));
      const caps = containerField(c, 'capabilities');
      const add = isRecord(caps?.value) ? caps.value.add : undefined;
      if (!caps || add === undefined || add === null) continue;
      const addPath = [...caps.path, 'add'];
      // One finding per added capability, at its list item (or at `add:` when it is a single string).
      const items: [unknown, PathSegment[]][] = Array.isArray(add) ? add.map((x, i) => [x, [...addPath, i]]) : [[add, addPath]];
      for (const [capability, path] of items) {
        // Mappings and nulls are schema errors, not capabilities.
        if (capability === ADDABLE || capability === null || typeof capability === 'object') continue;
        ctx.report(locate(obj, path), 'added', { container: containerLabel(c), capability: String(capability) });
      }
    }
  },
});
