// The workspace model: per-file facts keyed by path, updated one file at a time.
// Paths are opaque strings chosen by the front end (the CLI uses paths relative
// to the cwd, the LSP server uses URIs); the core never touches the disk.
import { ChunkCache, parseYaml, YamlFile } from '../syntax/yaml';
import { extractObjects, K8sObject } from './k8s';
import { HCL_NOT_READY, HclFile, parseHcl } from '../syntax/hcl';
import { extractTerraform, TerraformFile } from './terraform';
import { isKustomizationFile } from './kustomize';

export type FileKind = 'yaml' | 'config' | 'terraform' | 'other';

export interface FileFacts {
  path: string;
  kind: FileKind;
  text: string;
  /** Bumped on every update; rules and caches key on it. */
  version: number;
  yaml?: YamlFile;
  objects: K8sObject[];
  /** Terraform files (.tf): the parsed HCL and its top-level blocks. */
  hcl?: HclFile;
  terraform?: TerraformFile;
  /** Why the file is not analysed (binary, too large, template...), if it is not. */
  skipped?: string;
}

/** Files above this size are skipped with a reason rather than parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function fileKindOf(path: string): FileKind {
  const base = path.split(/[\\/]/).pop() ?? path;
  if (base === '.blueprint.yaml' || base === '.blueprint.yml') return 'config';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.tf$/i.test(base)) return 'terraform';
  return 'other';
}

/**
 * What a workspace-wide index reads, directly or through the helpers and other
 * indexes it uses (transitively), and through anything it keeps (object and
 * workload references, lazily filled memos). Workspace.derived keeps an index
 * across a file change that touches none of it; an index declared without
 * reads is dropped on every change.
 */
export interface DerivedReads {
  /** Objects of these kinds (`kind`, any apiVersion): any part of them, their spans included. */
  kinds: readonly string[];
  /** kustomization.yaml files, any part (effective namespaces and kustomize trees read them). */
  kustomizations?: boolean;
  /**
   * Which files exist (folder listings, `has`) and which of them hold objects:
   * the index is dropped when a file is added or removed, or gains its first
   * object or loses its last.
   */
  files?: boolean;
  /** Terraform files, any part. */
  terraform?: boolean;
}

interface DerivedEntry {
  value: unknown;
  reads?: { kinds: ReadonlySet<string>; kustomizations: boolean; files: boolean; terraform: boolean };
}

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8000);
  return sample.includes('\u0000');
}

export class Workspace {
  private readonly files = new Map<string, FileFacts>();
  private readonly chunkCaches = new Map<string, ChunkCache>();
  private versionCounter = 0;
  private rootKeys: string[] | undefined;
  /** Workspace-wide indexes; a change drops those that read the changed file (see DerivedReads). */
  private readonly derivedCache = new Map<string, DerivedEntry>();

  /** Add or replace a file; re-parses only the YAML documents whose text changed. */
  update(path: string, text: string): FileFacts {
    const kind = fileKindOf(path);
    const facts: FileFacts = { path, kind, text, version: ++this.versionCounter, objects: [] };
    if (looksBinary(text)) facts.skipped = 'binary file';
    else if (text.length > MAX_FILE_BYTES) facts.skipped = `file larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
    else if (kind === 'yaml' || kind === 'config') {
      let cache = this.chunkCaches.get(path);
      if (!cache) this.chunkCaches.set(path, (cache = new Map()));
      facts.yaml = parseYaml(text, { path, cache });
      if (facts.yaml.isTemplate) facts.skipped = 'Helm/Go template (not YAML until rendered)';
      else if (kind === 'yaml') facts.objects = extractObjects(path, facts.yaml);
    } else if (kind === 'terraform') {
      facts.hcl = parseHcl(text);
      if (facts.hcl) facts.terraform = extractTerraform(path, facts.hcl);
      else facts.skipped = HCL_NOT_READY;
    }
    const before = this.files.get(path);
    this.files.set(path, facts);
    this.dropDerived(before, facts);
    return facts;
  }

  remove(path: string): void {
    const before = this.files.get(path);
    this.files.delete(path);
    this.chunkCaches.delete(path);
    if (before) this.dropDerived(before, undefined);
  }

  /** Drop the derived indexes that read what changed between two states of one file. */
  private dropDerived(before: FileFacts | undefined, after: FileFacts | undefined): void {
    if (this.derivedCache.size === 0) return;
    const facts = (after ?? before)!;
    if (facts.kind !== 'yaml' && facts.kind !== 'terraform') {
      this.derivedCache.clear(); // .blueprint.yaml and unknown files: rare, be conservative
      return;
    }
    const addedOrRemoved = !before || !after || before.objects.length === 0 !== (after.objects.length === 0);
    const kustomization = isKustomizationFile(facts.path);
    const terraform = facts.kind === 'terraform';
    const kinds = new Set<string>();
    for (const o of before?.objects ?? []) kinds.add(o.kind);
    for (const o of after?.objects ?? []) kinds.add(o.kind);
    for (const [key, entry] of this.derivedCache) {
      const r = entry.reads;
      const stale =
        !r ||
        (addedOrRemoved && r.files) ||
        (kustomization && r.kustomizations) ||
        (terraform && r.terraform) ||
        [...kinds].some((k) => r.kinds.has(k));
      if (stale) this.derivedCache.delete(key);
    }
  }

  /**
   * The folders the workspace holds completely (every lintable file under them is
   * loaded): the CLI's folder arguments, the LSP's workspace folder. Cross-file
   * rules report a missing folder or object only under a root; the repository
   * root of a Flux tree is looked for among them. Never set (undefined): the
   * workspace is taken as complete (in-memory use, tests); [] nothing is.
   */
  setRoots(keys: readonly string[] | undefined): void {
    const next = keys === undefined ? undefined : [...new Set(keys)];
    if (JSON.stringify(next) === JSON.stringify(this.rootKeys)) return;
    this.rootKeys = next;
    this.derivedCache.clear();
  }

  roots(): readonly string[] | undefined {
    return this.rootKeys;
  }

  get(path: string): FileFacts | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  allFiles(): IterableIterator<FileFacts> {
    return this.files.values();
  }

  /**
   * A workspace-wide index computed on first use and kept until a file it reads
   * changes: with `reads`, only a change to what it declares drops it (see
   * DerivedReads; a key must always be used with the same reads); without, any
   * change does.
   */
  derived<T>(key: string, compute: (ws: Workspace) => T, reads?: DerivedReads): T {
    const hit = this.derivedCache.get(key);
    if (hit) return hit.value as T;
    const value = compute(this);
    const r = reads && { kinds: new Set(reads.kinds), kustomizations: !!reads.kustomizations, files: !!reads.files, terraform: !!reads.terraform };
    this.derivedCache.set(key, { value, reads: r });
    return value;
  }

  /** `group/Kind` of every CustomResourceDefinition in the workspace. */
  customKinds(): Set<string> {
    return this.derived(
      'customKinds',
      (ws) => {
      const out = new Set<string>();
      for (const o of ws.objects()) {
        if (o.kind !== 'CustomResourceDefinition') continue;
        const spec = o.value.spec as { group?: unknown; names?: { kind?: unknown } } | undefined;
        if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') out.add(`${spec.group}/${spec.names.kind}`);
      }
      return out;
      },
      { kinds: ['CustomResourceDefinition'] },
    );
  }

  *objects(): IterableIterator<K8sObject> {
    for (const f of this.files.values()) yield* f.objects;
  }
}
