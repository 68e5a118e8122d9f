// Helpers shared by the GitOps rules (flux/*, argo/*, drupal/*, secret/sops-decryption).
import { locate, nodeOf, K8sObject } from '../../model/k8s';
import type { FluxNode, GitOpsGraph, KustomizationNode } from '../../model/gitops';
import type { RelatedInfo, Span, TextEdit } from '../../types';
import { isMap, isSeq } from 'yaml';
import { appendToSequence, setValue } from '../../fixes/yaml-edit';
import type { PathSegment } from '../../syntax/yaml';

/** `metadata.name`'s value (the object's identity). */
export function nameSpan(obj: K8sObject): Span {
  return locate(obj, ['metadata', 'name'], 'value');
}

/** `Kustomization "apps"`, with the namespace when it differs from `ns`. */
export function nodeLabel(n: FluxNode, ns?: string): string {
  return ns !== undefined && n.namespace !== ns ? `${n.kind} "${n.namespace}/${n.name}"` : `${n.kind} "${n.name}"`;
}

export function objectLabel(o: K8sObject): string {
  return `${o.kind} "${o.name ?? '(unnamed)'}"`;
}

/** A related-information entry pointing at an object's name. */
export function relatedAt(obj: K8sObject, message: string, span?: Span): RelatedInfo {
  return { file: obj.file, span: span ?? nameSpan(obj), message };
}

/** The span of a dependsOn entry's name (the value), or the item. */
export function entrySpan(obj: K8sObject, path: readonly PathSegment[]): Span {
  const item = nodeOf(obj, path);
  if (isMap(item)) return locate(obj, [...path, 'name'], 'value');
  return locate(obj, path, 'value');
}

/** Edits adding `{ name, namespace? }` to `spec.dependsOn` (creating the list when absent). */
export function addDependsOn(node: KustomizationNode | FluxNode, target: FluxNode): TextEdit[] {
  const entry: Record<string, string> = { name: target.name };
  if (target.namespace !== node.namespace) entry.namespace = target.namespace;
  const list = nodeOf(node.object, ['spec', 'dependsOn']);
  if (isSeq(list)) return appendToSequence(node.object.doc, ['spec', 'dependsOn'], entry);
  return setValue(node.object.doc, ['spec', 'dependsOn'], [entry]);
}

/** Where a finding about a missing dependsOn goes: the `dependsOn:` key, else the name. */
export function dependsOnSpan(node: FluxNode): Span {
  return nodeOf(node.object, ['spec', 'dependsOn']) !== undefined ? locate(node.object, ['spec', 'dependsOn'], 'key') : nameSpan(node.object);
}

/** Names as a list: `"a", "b" and "c"`. */
export function listNames(names: readonly string[], max = 4): string {
  const q = names.map((n) => `"${n}"`);
  if (q.length > max) return `${q.slice(0, max).join(', ')} and ${q.length - max} more`;
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** Merge insertions at the same offset into one edit (in order), so applying them keeps that order. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end);
    if (same && e.start === e.end) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

export type { GitOpsGraph };
