// Resources, health, images, availability (RULES.md section of the same name),
// plus k8s/namespace-pod-security from "Pod and container security".
import type { AnyRule } from '../rule';
import resourceRequests from './resource-requests';
import memoryLimit from './memory-limit';
import cpuLimit from './cpu-limit';
import readinessProbe from './readiness-probe';
import livenessProbe from './liveness-probe';
import imageTag from './image-tag';
import namespacePodSecurity from './namespace-pod-security';

export const WORKLOAD_HEALTH_RULES: readonly AnyRule[] = [
  resourceRequests,
  memoryLimit,
  cpuLimit,
  readinessProbe,
  livenessProbe,
  imageTag,
  namespacePodSecurity,
];
