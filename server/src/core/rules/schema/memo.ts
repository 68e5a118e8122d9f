// Schema validation is the costliest per-object check: run it once per parsed
// document and keep the result with the document (reused while it is unchanged).
import type { K8sObject } from '../../model/k8s';
import { SchemaResult, validateResource } from '../../schema/validate';

export function schemaResultOf(obj: K8sObject): SchemaResult {
  const memo = obj.doc.memo;
  let r = memo.get('schema') as SchemaResult | undefined;
  if (!r) {
    r = validateResource(obj.value);
    memo.set('schema', r);
  }
  return r;
}
