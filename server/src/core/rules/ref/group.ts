// References between resources (RULES.md section of the same name), plus the
// cross-resource availability and identity rules that use the same joins:
// k8s/pdb, ref/hpa-target, ref/pdb-selector, k8s/duplicate-resource, azure/workload-identity.
import type { AnyRule } from '../rule';
import serviceSelector from './service-selector';
import serviceTargetPort from './service-target-port';
import ingressBackend from './ingress-backend';
import configRef from './config-ref';
import hpaTarget from './hpa-target';
import pdbSelector from './pdb-selector';
import duplicateResource from '../k8s/duplicate-resource';
import pdb from '../k8s/pdb';
import workloadIdentity from '../azure/workload-identity';

export const REFERENCE_RULES: readonly AnyRule[] = [
  serviceSelector,
  serviceTargetPort,
  ingressBackend,
  configRef,
  duplicateResource,
  pdb,
  hpaTarget,
  pdbSelector,
  workloadIdentity,
];
