// Pod and container security rules (RULES.md "Pod and container security").
import type { AnyRule } from '../rule';
import runAsNonRoot from './run-as-non-root';
import noPrivilegeEscalation from './no-privilege-escalation';
import dropAllCapabilities from './drop-all-capabilities';
import noPrivileged from './no-privileged';
import readOnlyRootFs from './read-only-root-fs';
import noHostNamespaces from './no-host-namespaces';
import seccompProfile from './seccomp-profile';
import fsGroup from './fs-group';

export const POD_SECURITY_RULES: readonly AnyRule[] = [
  runAsNonRoot,
  noPrivilegeEscalation,
  dropAllCapabilities,
  noPrivileged,
  readOnlyRootFs,
  noHostNamespaces,
  seccompProfile,
  fsGroup,
];
