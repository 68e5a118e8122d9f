// Navigation over the reference joins (model/joins.ts): go to definition from a
// Service selector to the workloads it selects, from an Ingress / IngressRoute /
// Route backend to its Service, from an HPA target to the workload; hover on a
// Service selector, a PDB selector or an HPA target says what it matches.
import { K8sObject, locate, nodeOf, nodeSpan, pairOf, valueAt, Workload } from '../model/k8s';
import { describeObject, findObject, findService, nsOf, replicasOf, serviceSelector, workloadsMatchingIn, workloadsSelectedByService } from '../model/joins';
import { formatSelector, readLabelSelector, LabelSelector } from '../model/selectors';
import type { Workspace } from '../model/workspace';
import type { PathSegment } from '../syntax/yaml';
import type { Span } from '../types';
import { serviceBackends } from '../rules/ref/backends';
import type { HoverProvider, DefinitionProvider, NavigationQuery, NavigationTarget } from './index';

function contains(span: Span | undefined, offset: number): span is Span {
  return !!span && offset >= span.start && offset <= span.end;
}

/** The object whose document holds the offset. */
function objectAt(q: NavigationQuery): K8sObject | undefined {
  const facts = q.ws.get(q.file);
  if (!facts) return undefined;
  return facts.objects.find((o) => contains(nodeSpan(o.doc, o.doc.doc.contents as never), q.offset));
}

/** Span of `key: value` at a path (key start to value end), or undefined. */
function pairSpan(obj: K8sObject, path: readonly PathSegment[]): Span | undefined {
  const pair = pairOf(obj, path);
  const key = pair?.key && nodeSpan(obj.doc, pair.key);
  const value = nodeOf(obj, path);
  const v = value ? nodeSpan(obj.doc, value) : undefined;
  if (!key || !v) return key ?? v;
  // Block collections end after their last line break: stop at the last visible character.
  let end = v.end;
  while (end > key.end && /\s/.test(obj.doc.chunk.charAt(end - 1 - obj.doc.offset))) end--;
  return { start: key.start, end };
}

function workloadTarget(w: Workload, origin: Span): NavigationTarget {
  // The pod labels the selector matched (`labels:` and its entries), else the workload's name.
  const span = pairSpan(w.object, w.podLabelsPath) ?? locate(w.object, ['metadata', 'name']);
  return { file: w.object.file, span, origin };
}

/** "3 pods of Deployment shop/web" */
function podsOf(ws: Workspace, w: Workload): string {
  const what = describeObject(ws, w.object);
  const n = replicasOf(w);
  if (w.object.kind === 'DaemonSet') return `one pod per node of ${what}`;
  if (w.object.kind === 'Pod') return `the pod ${what}`;
  if (n === undefined) return `the pods of ${what}`;
  return `${n} pod${n === 1 ? '' : 's'} of ${what}`;
}

function describeSelection(ws: Workspace, verb: string, selector: LabelSelector, workloads: Workload[], ns: string): string {
  const sel = `\`${formatSelector(selector)}\``;
  if (workloads.length === 0) return `${verb} ${sel}: **matches no pod** in namespace \`${ns}\`.`;
  if (workloads.length === 1) return `${verb} ${podsOf(ws, workloads[0])} (${sel}).`;
  return `${verb} ${sel}:\n${workloads.map((w) => `- ${podsOf(ws, w)}`).join('\n')}`;
}

interface SelectorHit {
  obj: K8sObject;
  span: Span;
  selector: LabelSelector;
  workloads: Workload[];
  verb: string;
}

function selectorAt(q: NavigationQuery): SelectorHit | undefined {
  const obj = objectAt(q);
  if (!obj) return undefined;
  if (obj.kind === 'Service') {
    const span = pairSpan(obj, ['spec', 'selector']);
    const selector = serviceSelector(obj);
    if (!contains(span, q.offset) || !selector) return undefined;
    return { obj, span, selector, workloads: workloadsSelectedByService(q.ws, obj), verb: 'Selects' };
  }
  if (obj.kind === 'PodDisruptionBudget') {
    const span = pairSpan(obj, ['spec', 'selector']);
    const selector = readLabelSelector(valueAt(obj.value, ['spec', 'selector']));
    if (!contains(span, q.offset) || !selector) return undefined;
    return { obj, span, selector, workloads: workloadsMatchingIn(q.ws, nsOf(q.ws, obj), selector), verb: 'Protects' };
  }
  return undefined;
}

interface HpaHit {
  obj: K8sObject;
  span: Span;
  target?: K8sObject;
  kind: string;
  name: string;
}

function hpaTargetAt(q: NavigationQuery): HpaHit | undefined {
  const obj = objectAt(q);
  if (!obj || obj.kind !== 'HorizontalPodAutoscaler') return undefined;
  const span = pairSpan(obj, ['spec', 'scaleTargetRef']);
  if (!contains(span, q.offset)) return undefined;
  const kind = valueAt(obj.value, ['spec', 'scaleTargetRef', 'kind']);
  const name = valueAt(obj.value, ['spec', 'scaleTargetRef', 'name']);
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { obj, span, kind, name, target: findObject(q.ws, kind, nsOf(q.ws, obj), name) };
}

export const referenceDefinitions: DefinitionProvider = (q) => {
  const sel = selectorAt(q);
  if (sel) return sel.workloads.map((w) => workloadTarget(w, sel.span));
  const hpa = hpaTargetAt(q);
  if (hpa) return hpa.target ? [{ file: hpa.target.file, span: locate(hpa.target, ['metadata', 'name']), origin: hpa.span }] : [];
  const obj = objectAt(q);
  if (!obj) return [];
  for (const b of serviceBackends(q.ws, obj)) {
    const span = pairSpan(obj, b.namePath);
    if (!contains(span, q.offset)) continue;
    const svc = findService(q.ws, b.namespace, b.name);
    return svc ? [{ file: svc.file, span: locate(svc, ['metadata', 'name']), origin: span }] : [];
  }
  return [];
};

export const referenceHover: HoverProvider = (q) => {
  const sel = selectorAt(q);
  if (sel) return { span: sel.span, markdown: describeSelection(q.ws, sel.verb, sel.selector, sel.workloads, nsOf(q.ws, sel.obj)) };
  const hpa = hpaTargetAt(q);
  if (hpa) {
    const ns = nsOf(q.ws, hpa.obj);
    const min = valueAt(hpa.obj.value, ['spec', 'minReplicas']) ?? 1;
    const max = valueAt(hpa.obj.value, ['spec', 'maxReplicas']);
    const range = max !== undefined ? ` between ${min} and ${max} replicas` : '';
    const markdown = hpa.target
      ? `Scales ${describeObject(q.ws, hpa.target)}${range}.`
      : `Scales ${hpa.kind} \`${ns}/${hpa.name}\`: **not found** in the workspace.`;
    return { span: hpa.span, markdown };
  }
  return undefined;
};
