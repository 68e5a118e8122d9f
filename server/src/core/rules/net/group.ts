// The "Network policy coverage" rules (RULES.md): NetworkPolicies against the
// workloads, namespaces and ports of the workspace (model/network.ts).
import type { AnyRule } from '../rule';
import policyCoverage from './policy-coverage';
import defaultDeny from './default-deny';
import dnsEgress from './dns-egress';
import policySelectsNothing from './policy-selects-nothing';
import policyPort from './policy-port';
import namespaceSelector from './namespace-selector';
import openIngress from './open-ingress';
import exposedService from './exposed-service';

export const NETWORK_RULES: readonly AnyRule[] = [
  policyCoverage,
  defaultDeny,
  dnsEgress,
  policySelectsNothing,
  policyPort,
  namespaceSelector,
  openIngress,
  exposedService,
];
