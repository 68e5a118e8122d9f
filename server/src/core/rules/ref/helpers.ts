// Helpers shared by the reference rules: label formatting, name similarity,
// and related-information builders.
import { describeObject, nsOf } from '../../model/joins';
import { K8sObject, locate, Workload, valueAt } from '../../model/k8s';
import type { Workspace } from '../../model/workspace';
import type { PathSegment } from '../../syntax/yaml';
import type { RelatedInfo } from '../../types';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** `app=web, tier=front` */
export function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : '(no labels)';
}

/** Edit distance with adjacent transpositions (optimal string alignment): `wbe` is 1 from `web`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - editDistance(a, b) / max;
}

/**
 * How close a set of labels is to what a selector asks for: per selector label,
 * 1 for an exact match, the value similarity when the key is there with another
 * value, half the best value similarity when only the value appears under
 * another key. Zero when nothing resembles.
 */
export function labelCloseness(wanted: Record<string, string>, labels: Record<string, string>): number {
  let score = 0;
  for (const [k, v] of Object.entries(wanted)) {
    if (k in labels) {
      const s = similarity(v, labels[k]);
      score += s >= 0.5 ? s : s / 4;
      continue;
    }
    let best = 0;
    for (const [lk, lv] of Object.entries(labels)) best = Math.max(best, (similarity(v, lv) >= 0.6 ? similarity(v, lv) : 0) * (similarity(k, lk) >= 0.5 ? 0.75 : 0.5));
    score += best;
  }
  return score;
}

/**
 * The labels that identify a workload's pods: its own `spec.selector.matchLabels`
 * when it has one (a stable subset of the pod labels), else all pod labels.
 */
export function identifyingLabels(w: Workload): Record<string, string> {
  const ml = valueAt(w.object.value, ['spec', 'selector', 'matchLabels']);
  if (isRecord(ml)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(ml)) if (v !== null && typeof v !== 'object' && w.podLabels[k] === String(v)) out[k] = String(v);
    if (Object.keys(out).length) return out;
  }
  // ReplicationController / DeploymentConfig: spec.selector is a plain map.
  const plain = valueAt(w.object.value, ['spec', 'selector']);
  if (isRecord(plain) && !('matchLabels' in plain) && !('matchExpressions' in plain)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(plain)) if (v !== null && typeof v !== 'object' && w.podLabels[k] === String(v)) out[k] = String(v);
    if (Object.keys(out).length) return out;
  }
  return { ...w.podLabels };
}

export function workloadName(ws: Workspace, w: Workload): string {
  return describeObject(ws, w.object);
}

/** Related information pointing at a field of another object (its name when the path is not given). */
export function relatedAt(obj: K8sObject, path: readonly PathSegment[], message: string): RelatedInfo {
  return { file: obj.file, span: locate(obj, path.length ? path : ['metadata', 'name']), message };
}

export function relatedWorkload(ws: Workspace, w: Workload, message?: string): RelatedInfo {
  return relatedAt(w.object, w.podLabelsPath, message ?? `${workloadName(ws, w)} (pod labels ${formatLabels(w.podLabels)})`);
}

/** `shop` or `(cluster)` */
export function nsLabel(ws: Workspace, obj: K8sObject): string {
  return nsOf(ws, obj) || '(cluster)';
}

/** Names holding Flux post-build substitutions (`${VAR}`) are resolved at apply time: not checkable. */
export function isSubstituted(name: string): boolean {
  return name.includes('${');
}

/**
 * `other` as a short path for messages: relative to the folder both files share
 * (`base/web.yaml` next to `overlay/web.yaml`), so URIs and long roots stay out.
 */
export function shortPath(from: string, other: string): string {
  const a = from.split('/');
  const b = other.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return b.slice(i).join('/');
}
