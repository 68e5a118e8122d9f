// NetworkPolicy documents and rules the net/* quick fixes write: an allow policy
// for one workload, a namespace default deny, the DNS egress rule. Rendered in
// the style of the file they go into (indentation step, sequence indentation,
// line breaks) and checked by test/core/network.test.ts against Blueprint's own
// rules (a generated policy must not trigger net/dns-egress or net/policy-port).
import { stringify } from 'yaml';
import { containerPorts, findObject, nsOf, objectsOfKind, servicesSelectingWorkload } from '../../model/joins';
import { valueAt, Workload } from '../../model/k8s';
import { NAME_LABEL, networkModel } from '../../model/network';
import type { Workspace } from '../../model/workspace';
import { indentUnit } from '../../fixes/yaml-edit';
import type { YamlDocument } from '../../syntax/yaml';
import type { TextEdit } from '../../types';
import { BACKEND_KINDS, serviceBackends } from '../ref/backends';

export const NETWORK_POLICY_API = 'networking.k8s.io/v1';

/** The DNS egress rule: cluster DNS pods, UDP and TCP (OpenShift: openshift-dns on 5353). */
export function dnsEgressRule(openshift: boolean): Record<string, unknown> {
  if (openshift) {
    return {
      to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'openshift-dns' } } }],
      ports: [
        { protocol: 'UDP', port: 5353 },
        { protocol: 'TCP', port: 5353 },
      ],
    };
  }
  return {
    to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

/** A policy name not yet used in the namespace (`base`, `base-2`, ...). */
export function freePolicyName(ws: Workspace, ns: string, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!findObject(ws, 'NetworkPolicy', ns, name)) return name;
  }
}

/** The labels that identify a workload's pods: its selector's matchLabels when they are pod labels, else every pod label. */
export function identifyingLabels(w: Workload): Record<string, string> {
  const sel = valueAt(w.object.value, ['spec', 'selector', 'matchLabels']);
  if (sel && typeof sel === 'object' && !Array.isArray(sel)) {
    const entries = Object.entries(sel as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const);
    if (entries.length && entries.every(([k, v]) => w.podLabels[k] === v)) return Object.fromEntries(entries);
  }
  // DeploymentConfig and ReplicationController select with a plain map.
  const plain = valueAt(w.object.value, ['spec', 'selector']);
  if (plain && typeof plain === 'object' && !Array.isArray(plain) && !('matchLabels' in plain) && !('matchExpressions' in plain)) {
    const entries = Object.entries(plain as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const);
    if (entries.length && entries.every(([k, v]) => w.podLabels[k] === v)) return Object.fromEntries(entries);
  }
  return { ...w.podLabels };
}

/** Whether an Ingress, IngressRoute or Route sends traffic to one of the workload's Services. */
function routedFromOutside(ws: Workspace, w: Workload): boolean {
  const services = servicesSelectingWorkload(ws, w);
  if (services.length === 0) return false;
  const ns = nsOf(ws, w.object);
  const names = new Set(services.map((s) => s.name));
  for (const kind of BACKEND_KINDS) {
    for (const o of objectsOfKind(ws, kind)) {
      if (serviceBackends(ws, o).some((b) => b.namespace === ns && names.has(b.name))) return true;
    }
  }
  return false;
}

/** Ingress controller namespaces that actually appear in the workspace. */
function presentControllerNamespaces(ws: Workspace): string[] {
  const m = networkModel(ws);
  return [...m.ingressControllerNamespaces].filter((n) => m.namespaces.has(n)).sort();
}

export interface AllowPolicy {
  name: string;
  value: Record<string, unknown>;
  /** `8080/TCP, 9090/TCP` or '' when the workload declares no port. */
  portsText: string;
}

/**
 * An allow policy for one workload: its declared container ports open to the
 * pods of its namespace (and to the ingress controller when an Ingress, IngressRoute
 * or Route routes to it), DNS egress. Undefined when its pods have no labels to select.
 * `namespace` is written when the workload writes its own.
 */
export function allowPolicyFor(ws: Workspace, w: Workload): AllowPolicy | undefined {
  const labels = identifyingLabels(w);
  if (Object.keys(labels).length === 0) return undefined;
  const ns = nsOf(ws, w.object);
  const name = freePolicyName(ws, ns, `${w.object.name ?? 'workload'}-allow`);
  const seen = new Set<string>();
  const ports: { protocol: string; port: number }[] = [];
  for (const p of containerPorts(w)) {
    const key = `${p.containerPort}/${p.protocol.toUpperCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({ protocol: p.protocol.toUpperCase(), port: p.containerPort });
  }
  const m = networkModel(ws);
  const ingress: Record<string, unknown>[] = [];
  if (ports.length) {
    const from: Record<string, unknown>[] = [{ podSelector: {} }];
    if (routedFromOutside(ws, w)) {
      const controllers = m.openshift ? ['openshift-ingress'] : presentControllerNamespaces(ws);
      for (const c of controllers) if (c !== ns) from.push({ namespaceSelector: { matchLabels: { [NAME_LABEL]: c } } });
    }
    ingress.push({ from, ports });
  }
  const metadata: Record<string, unknown> = { name };
  if (w.object.namespace) metadata.namespace = w.object.namespace;
  const spec: Record<string, unknown> = {
    podSelector: { matchLabels: labels },
    policyTypes: ['Ingress', 'Egress'],
  };
  if (ingress.length) spec.ingress = ingress;
  spec.egress = [dnsEgressRule(m.openshift)];
  return {
    name,
    value: { apiVersion: NETWORK_POLICY_API, kind: 'NetworkPolicy', metadata, spec },
    portsText: ports.map((p) => `${p.port}/${p.protocol}`).join(', '),
  };
}

/** The namespace default deny (every pod isolated both ways, DNS still allowed). */
export function defaultDenyPolicy(ws: Workspace, ns: string, writeNamespace: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: freePolicyName(ws, ns, 'default-deny') };
  if (writeNamespace) metadata.namespace = ns;
  return {
    apiVersion: NETWORK_POLICY_API,
    kind: 'NetworkPolicy',
    metadata,
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [dnsEgressRule(networkModel(ws).openshift)] },
  };
}

// ---- rendering ---------------------------------------------------------------------

export interface TextStyle {
  indent: number;
  /** `key:\n  - item` (true) or kubectl's `key:\n- item` (false). */
  indentSeq: boolean;
  eol: string;
}

/** The style of a YAML document (its indentation step and sequence style), for text written next to it. */
export function styleOfDocument(doc: YamlDocument | undefined, text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (!doc) return { indent: 2, indentSeq: true, eol };
  const kubectl = /^( *)[^\s#-][^\n]*:[ \t]*\r?\n\1- /m.test(doc.chunk);
  return { indent: indentUnit(doc), indentSeq: !kubectl, eol };
}

/** A whole YAML document's text (ending with a line break). */
export function renderDocument(value: unknown, style: TextStyle): string {
  const out = stringify(value, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  return style.eol === '\n' ? out : out.replace(/\n/g, style.eol);
}

/** Insert a new document right after `doc` (before the next `---`, or at the end of the file). */
export function insertDocumentAfter(text: string, doc: YamlDocument, value: unknown): TextEdit {
  const style = styleOfDocument(doc, text);
  const at = Math.min(doc.offset + doc.chunk.length, text.length);
  const body = `---${style.eol}${renderDocument(value, style)}`;
  if (at >= text.length) {
    const lead = text.length === 0 || text.endsWith('\n') ? '' : style.eol;
    return { start: text.length, end: text.length, newText: lead + body };
  }
  return { start: at, end: at, newText: body };
}

/** Name for a new file next to `dirKey` (`web-networkpolicy.yaml`, `-2` if taken). */
export function freeFileName(exists: (name: string) => boolean, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.yaml` : `${base}-${i}.yaml`;
    if (!exists(name)) return name;
  }
}
