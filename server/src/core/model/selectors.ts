// Label selectors (matchLabels and matchExpressions) and the pods they select.
import type { Workload } from './k8s';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Read a `{ matchLabels, matchExpressions }` selector from plain data (anything malformed is ignored). */
export function readLabelSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  const out: LabelSelector = {};
  if (isRecord(v.matchLabels)) {
    out.matchLabels = {};
    for (const [k, val] of Object.entries(v.matchLabels)) if (val !== null && typeof val !== 'object') out.matchLabels[k] = String(val);
  }
  if (Array.isArray(v.matchExpressions)) {
    out.matchExpressions = v.matchExpressions
      .filter(isRecord)
      .filter((e) => typeof e.key === 'string' && typeof e.operator === 'string')
      .map((e) => ({ key: e.key as string, operator: e.operator as string, values: Array.isArray(e.values) ? e.values.map(String) : undefined }));
  }
  return out;
}

/** A Service-style selector (a plain map of labels). */
export function readMapSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && typeof val !== 'object') matchLabels[k] = String(val);
  return { matchLabels };
}

/** Whether a selector matches a set of labels. The empty selector matches everything. */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator selects nothing (the API server rejects it)
    }
  }
  return true;
}

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

/** `app=web, tier in (a, b)` — a selector as kubectl prints it. */
export function formatSelector(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(', ')})`);
  }
  return parts.length ? parts.join(', ') : '(everything)';
}

export function workloadsMatching(workloads: readonly Workload[], selector: LabelSelector): Workload[] {
  return workloads.filter((w) => matchesSelector(selector, w.podLabels));
}
