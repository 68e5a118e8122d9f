// The workspace model: per-file facts keyed by path, updated one file at a time.
// Paths are opaque strings chosen by the front end (the CLI uses paths relative
// to the cwd, the LSP server uses URIs); the core never touches the disk.
import { ChunkCache, parseYaml, YamlFile } from '../syntax/yaml';
import { extractObjects, K8sObject } from './k8s';

export type FileKind = 'yaml' | 'config' | 'other';

export interface FileFacts {
  path: string;
  kind: FileKind;
  text: string;
  /** Bumped on every update; rules and caches key on it. */
  version: number;
  yaml?: YamlFile;
  objects: K8sObject[];
  /** Why the file is not analysed (binary, too large, template...), if it is not. */
  skipped?: string;
}

/** Files above this size are skipped with a reason rather than parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function fileKindOf(path: string): FileKind {
  const base = path.split(/[\\/]/).pop() ?? path;
  if (base === '.blueprint.yaml' || base === '.blueprint.yml') return 'config';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  return 'other';
}

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8000);
  return sample.includes('\u0000');
}

export class Workspace {
  private readonly files = new Map<string, FileFacts>();
  private readonly chunkCaches = new Map<string, ChunkCache>();
  private versionCounter = 0;

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
    }
    this.files.set(path, facts);
    return facts;
  }

  remove(path: string): void {
    this.files.delete(path);
    this.chunkCaches.delete(path);
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

  *objects(): IterableIterator<K8sObject> {
    for (const f of this.files.values()) yield* f.objects;
  }
}
