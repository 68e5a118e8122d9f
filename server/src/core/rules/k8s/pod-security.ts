// Pod and container security rules (RULES.md "Pod and container security").
import type { AnyRule } from '../rule';
import runAsNonRoot from './run-as-non-root';

export const POD_SECURITY_RULES: readonly AnyRule[] = [runAsNonRoot];
