// textDocument/documentSymbol: one symbol per Kubernetes object (YAML document)
// or per top-level Terraform block (nested blocks as children),
// named `Kind name`, detailed with its namespace, selecting metadata.name.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import type { FileFacts } from '../core/model/workspace';
import { locate, WORKLOAD_KINDS, type K8sObject } from '../core/model/k8s';
import type { LineIndex, Span } from '../core/types';
import { headerSpanOf, type TfBlockKind } from '../core/model/terraform';
import { blocksOf, type HclBlock } from '../core/syntax/hcl';
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

const TF_SYMBOL_KINDS: Record<TfBlockKind, SymbolKind> = {
  resource: SymbolKind.Class,
  data: SymbolKind.Struct,
  module: SymbolKind.Module,
  variable: SymbolKind.Variable,
  output: SymbolKind.Property,
  locals: SymbolKind.Constant,
  provider: SymbolKind.Package,
  terraform: SymbolKind.Package,
  other: SymbolKind.Object,
};

/** A nested block (`network_profile`, `ingress`) and the blocks inside it, as outline children. */
function hclBlockSymbol(b: HclBlock, lines: LineIndex, depth: number): DocumentSymbol {
  return {
    name: [b.blockType, ...b.labels.map((l) => l.value)].join(' '),
    kind: SymbolKind.Object,
    range: toRange(lines, b.span),
    selectionRange: toRange(lines, headerSpanOf(b)),
    children: depth < 4 ? blocksOf(b.body).map((c) => hclBlockSymbol(c, lines, depth + 1)) : [],
  };
}

/** Terraform: one symbol per top-level block (`aws_db_instance.main`, `var.region`...), nested blocks as children. */
function terraformSymbols(file: FileFacts, lines: LineIndex): DocumentSymbol[] {
  return (file.terraform?.blocks ?? []).map((t) => ({
    name: t.kind === 'provider' ? `provider ${t.name}` : t.address,
    detail: t.kind === 'resource' || t.kind === 'data' ? t.kind : '',
    kind: TF_SYMBOL_KINDS[t.kind],
    range: toRange(lines, t.block.span),
    selectionRange: toRange(lines, t.headerSpan),
    children: blocksOf(t.block.body).map((c) => hclBlockSymbol(c, lines, 1)),
  }));
}

export function documentSymbols(file: FileFacts, lines: LineIndex): DocumentSymbol[] {
  if (file.terraform) return terraformSymbols(file, lines);
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
