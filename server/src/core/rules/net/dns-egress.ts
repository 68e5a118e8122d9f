import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { DnsAllowance, networkModel, policiesSelecting, policyAllowsDns, policyOf, workloadDns } from '../../model/network';
import { appendToSequence } from '../../fixes/yaml-edit';
import { dnsEgressRule } from './generate';

function complete(a: DnsAllowance): boolean {
  return a.udp && a.tcp;
}

export default defineRule({
  id: 'net/dns-egress',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "Security boundary 2" (Egress: to DNS allowed); azure-saas-aks "Network Policies" (Allow DNS).',
  docs: 'A NetworkPolicy that restricts Egress lets its pods reach the cluster DNS on UDP and TCP port 53 (its own rules, or another policy selecting the same pods).',
  details: [
    'Once a policy lists Egress, every connection not allowed is dropped — including name lookups. Pods then fail with timeouts resolving Service names. DNS uses UDP, and TCP for large answers and retries, so both are needed.',
    'Allowed DNS: an egress rule whose ports include 53 (or the named ports `dns`/`dns-tcp`; 5353 for OpenShift DNS) to every destination, to an ipBlock, or to the `kube-system` (`openshift-dns`) namespace with no pod selector or one matching the DNS pods (`k8s-app: kube-dns`). Policies add up: a pure deny-all policy is fine when another policy selecting the same pods allows DNS.',
    'The quick fix appends the rule `to: [namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns]`, ports UDP 53 and TCP 53 (OpenShift: the `openshift-dns` namespace on 5353).',
  ].join('\n\n'),
  messages: {
    none: 'NetworkPolicy "{policy}" restricts egress{selected} but allows no DNS (UDP and TCP port 53): name lookups will time out.',
    udpOnly: 'NetworkPolicy "{policy}" allows DNS over UDP only: add TCP port 53 (large answers and retries use TCP).',
    tcpOnly: 'NetworkPolicy "{policy}" allows DNS over TCP only: add UDP port 53.',
  },
  fixes: ['Allow DNS egress (UDP and TCP 53)'],
  appliesTo: ['NetworkPolicy'],
  check(obj, ctx) {
    const ws = ctx.model;
    const p = policyOf(ws, obj);
    if (!p || !p.types.egress) return;
    const own = policyAllowsDns(ws, p);
    if (complete(own)) return;
    if (p.selects.length > 0) {
      const lacking = p.selects.filter((w) => !complete(workloadDns(ws, w)));
      if (lacking.length === 0) return; // another policy selecting the same pods allows DNS
      // A pure deny-all is not blamed when a policy with egress rules for the same pods is (that one gets the DNS rule).
      if (p.egress.length === 0 && lacking.every((w) => policiesSelecting(ws, w).some((o) => o !== p && o.types.egress && o.egress.length > 0))) return;
    } else if (p.egress.length === 0) {
      return; // a deny-all selecting nothing known: nothing to judge
    }
    const spec = obj.value.spec as Record<string, unknown>;
    let span;
    if (spec && 'egress' in spec) span = locate(obj, ['spec', 'egress'], 'key');
    else {
      const types = Array.isArray(spec?.policyTypes) ? (spec.policyTypes as unknown[]) : [];
      const i = types.indexOf('Egress');
      span = i >= 0 ? locate(obj, ['spec', 'policyTypes', i]) : locate(obj, ['spec', 'policyTypes'], 'key');
    }
    const rule = dnsEgressRule(networkModel(ws).openshift);
    const edits = appendToSequence(obj.doc, ['spec', 'egress'], rule);
    const fixes = edits.length ? [{ title: 'Allow DNS egress (UDP and TCP 53)', edits }] : [];
    const id = !own.udp && !own.tcp ? 'none' : own.udp ? 'udpOnly' : 'tcpOnly';
    const selected = p.namespaceWide ? ` of every pod in "${p.namespace}"` : p.selects.length ? ` of ${p.selects.map((w) => `${w.object.kind} "${w.object.name}"`).join(', ')}` : '';
    ctx.report(span, id, { policy: p.name, selected }, fixes);
  },
});
