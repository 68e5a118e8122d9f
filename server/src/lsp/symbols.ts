// textDocument/documentSymbol: one symbol per Kubernetes object (YAML document),
// named `Kind name`, detailed with its namespace, selecting metadata.name.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import type { FileFacts } from '../core/model/workspace';
import { locate, WORKLOAD_KINDS, type K8sObject } from '../core/model/k8s';
import type { LineIndex, Span } from '../core/types';
import { toRange } from './convert';

const NETWORK_KINDS = ['Service', 'Ingress', 'IngressRoute', 'IngressRouteTCP', 'Route', 'Gateway', 'HTTPRoute', 'NetworkPolicy', 'Endpoints', 'EndpointSlice'];
const DATA_KINDS = ['ConfigMap', 'Secret', 'ExternalSecret', 'SealedSecret', 'SecretProviderClass', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];
const GITOPS_UNITS = ['Kustomization', 'Application', 'ApplicationSet', 'AppProject'];
const GITOPS_SOURCES = ['HelmRelease', 'HelmRepository', 'HelmChart', 'GitRepository', 'OCIRepository', 'Bucket'];
const ACCESS_KINDS = ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** An outline icon that tells the families apart. */
export function symbolKindOf(kind: string): SymbolKind {
  if (kind === 'Namespace') return SymbolKind.Namespace;
  if (WORKLOAD_KINDS.includes(kind)) return SymbolKind.Class;
  if (NETWORK_KINDS.includes(kind)) return SymbolKind.Interface;
  if (DATA_KINDS.includes(kind)) return SymbolKind.Object;
  if (GITOPS_UNITS.includes(kind)) return SymbolKind.Module;
  if (GITOPS_SOURCES.includes(kind)) return SymbolKind.Package;
  if (ACCESS_KINDS.includes(kind)) return SymbolKind.Key;
  if (kind === 'CustomResourceDefinition') return SymbolKind.Struct;
  return SymbolKind.Object;
}

/** The span of a whole YAML document: from its `---` (if any) to the end of its content. */
function documentSpan(obj: K8sObject): Span {
  const { doc, offset, chunk } = obj.doc;
  const [start, valueEnd] = doc.range;
  let end = valueEnd;
  while (end > start && /\s/.test(chunk[end - 1])) end--;
  return { start: offset + start, end: offset + end };
}

export function documentSymbols(file: FileFacts, lines: LineIndex): DocumentSymbol[] {
  return file.objects.map((obj) => {
    const range = documentSpan(obj);
    const nameSpan = locate(obj, ['metadata', 'name'], 'value');
    // The selection must lie inside the range (a malformed name falls back to the start).
    const selection = nameSpan.start >= range.start && nameSpan.end <= range.end ? nameSpan : { start: range.start, end: range.start };
    return {
      name: `${obj.kind} ${obj.name ?? '(unnamed)'}`,
      detail: obj.namespace ?? '',
      kind: symbolKindOf(obj.kind),
      range: toRange(lines, range),
      selectionRange: toRange(lines, selection),
    };
  });
}
