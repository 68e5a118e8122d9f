// The explicit list of every rule Blueprint has. No side-effect registration:
// a rule exists when it is listed here (a test checks each has docs and fixtures).
import type { AnyRule } from './rule';
import yamlSyntax from './yaml/syntax';
import yamlDuplicateKey from './yaml/duplicate-key';
import schemaInvalid from './schema/invalid';
import schemaUnknownKind from './schema/unknown-kind';
import schemaUnknownField from './schema/unknown-field';
import metaConfig from './meta/config';
import metaUnusedSuppression from './meta/unused-suppression';
import { POD_SECURITY_RULES } from './k8s/pod-security';
import { WORKLOAD_HEALTH_RULES } from './k8s/workload-health';
import { REFERENCE_RULES } from './ref/group';
import { NETWORK_RULES } from './net/group';
import { TRANSPORT_AND_SECRET_RULES } from './tls/group';
import { TERRAFORM_RULES } from './tf/group';
import { GITOPS_RULES } from './flux/group';

export const RULES: readonly AnyRule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  schemaInvalid,
  schemaUnknownKind,
  schemaUnknownField,
  metaConfig,
  metaUnusedSuppression,
  ...POD_SECURITY_RULES,
  ...WORKLOAD_HEALTH_RULES,
  ...REFERENCE_RULES,
  ...NETWORK_RULES,
  ...TRANSPORT_AND_SECRET_RULES,
  ...TERRAFORM_RULES,
  ...GITOPS_RULES,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}
