// Re-parsing below the document level (syntax/yaml-incremental.ts) must give exactly
// what a fresh parse gives. Seeded random edits (inserts, deletes, replacements,
// newlines, indentation changes, undo) on real files; after each edit the
// incrementally parsed file is compared with a fresh parse node by node (kinds,
// values, ranges, flags, comments, errors), and now and then the lint findings of
// the file are compared too.
//
// More edits: BLUEPRINT_INCREMENTAL_EDITS=5000 node --import tsx --test test/core/incremental-yaml.test.ts
// (BLUEPRINT_INCREMENTAL_SEED picks another seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { ChunkCache, parseYaml, setIncrementalParsing, YamlDocument, YamlFile } from '../../server/src/core/syntax/yaml';
import { incrementalStats } from '../../server/src/core/syntax/yaml-incremental';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { Finding } from '../../server/src/core/types';

const ROOT = join(__dirname, '..', '..');
const GOTK = join(ROOT, '..', 'shared', 'corpus', 'drupal-aks-flux', 'clusters', 'production', 'flux-system', 'gotk-components.yaml');
const SCALE = Math.max(1, Number(process.env.BLUEPRINT_INCREMENTAL_EDITS ?? 0) / 100 || 1);
const SEED = Number(process.env.BLUEPRINT_INCREMENTAL_SEED ?? 9);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

// ---- comparison ---------------------------------------------------------------

/** The first difference between two yaml nodes (own enumerable properties, recursively), or ''. */
function diffNode(a: unknown, b: unknown, at: string): string {
  if (a === b) return '';
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? '' : `${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  const kind = (n: unknown) => (isPair(n) ? 'pair' : isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isAlias(n) ? 'alias' : Array.isArray(n) ? 'array' : 'object');
  if (kind(a) !== kind(b)) return `${at}: ${kind(a)} != ${kind(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: length ${a.length} != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diffNode(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return '';
  }
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  if (ka.join() !== kb.join()) return `${at}: properties ${ka} != ${kb}`;
  for (const k of ka) {
    const d = diffNode((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return '';
}

function diffDocument(a: YamlDocument, b: YamlDocument): string {
  const at = `document ${a.index}`;
  for (const k of ['index', 'offset', 'chunk'] as const) if (a[k] !== b[k]) return `${at}: ${k} differs`;
  const da = a.doc;
  const db = b.doc;
  const errs = (d: typeof da) => JSON.stringify([d.errors.map((e) => [e.code, e.pos, e.message]), d.warnings.map((e) => [e.code, e.pos, e.message])]);
  if (errs(da) !== errs(db)) return `${at}: errors ${errs(da)} != ${errs(db)}`;
  const shell = (d: typeof da) => JSON.stringify([d.range, d.comment, d.commentBefore, d.directives?.docStart, d.directives?.docEnd]);
  if (shell(da) !== shell(db)) return `${at}: ${shell(da)} != ${shell(db)}`;
  const d = diffNode(da.contents, db.contents, `${at} contents`);
  if (d) return d;
  try {
    assert.deepStrictEqual(a.problems, b.problems);
    assert.deepStrictEqual(a.value, b.value);
  } catch (e) {
    return `${at}: ${(e as Error).message.slice(0, 600)}`;
  }
  return '';
}

function diffFile(a: YamlFile, b: YamlFile): string {
  if (a.isTemplate !== b.isTemplate) return 'isTemplate differs';
  if (a.documents.length !== b.documents.length) return `${a.documents.length} documents != ${b.documents.length}`;
  for (let i = 0; i < a.documents.length; i++) {
    const d = diffDocument(a.documents[i], b.documents[i]);
    if (d) return d;
  }
  return '';
}

function plainFindings(fs: Finding[]): unknown[] {
  return fs
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, span: f.span, object: f.object, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits, safe: x.safe })), related: f.related }))
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

// ---- edits --------------------------------------------------------------------

const SNIPPETS = ['a', 'x', ' ', '  ', '\n', ':', ': ', '-', '- ', '"', "'", '#', '{', '}', '[', ']', ',', '|', '>', '&a ', '*a', '!', '0', '1', 'true', 'key: value\n', '  - item\n', '\n\n', ': x\n', '? '];

interface Edit {
  start: number;
  end: number;
  text: string;
}

function randomEdit(text: string, r: () => number, focus?: { start: number; end: number }): Edit {
  const lo = focus?.start ?? 0;
  const hi = focus?.end ?? text.length;
  const pos = lo + Math.floor(r() * (hi - lo));
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  const lineEnd = nl < 0 ? text.length : nl;
  const pick = r();
  const snippet = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
  if (pick < 0.35) return { start: pos, end: pos, text: String.fromCharCode(97 + Math.floor(r() * 26)) }; // one letter (the benchmark's edit)
  if (pick < 0.5) return { start: pos, end: pos, text: snippet };
  if (pick < 0.62) return { start: pos, end: Math.min(text.length, pos + 1 + Math.floor(r() * 3)), text: '' };
  if (pick < 0.7) return { start: pos, end: Math.min(text.length, pos + 1 + Math.floor(r() * 4)), text: snippet };
  if (pick < 0.78) return { start: lineStart, end: lineStart, text: '  ' }; // indent a line
  if (pick < 0.84) return text.startsWith('  ', lineStart) ? { start: lineStart, end: lineStart + 2, text: '' } : { start: pos, end: pos, text: '\n' }; // dedent
  if (pick < 0.9) return { start: lineEnd, end: lineEnd, text: '\n' + text.slice(lineStart, lineEnd) }; // duplicate a line
  if (pick < 0.95) return { start: lineStart, end: Math.min(text.length, lineEnd + 1), text: '' }; // delete a line
  return { start: pos, end: pos, text: '\n' };
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

// ---- the property -------------------------------------------------------------

interface RunOptions {
  edits: number;
  seed: number;
  /** Lint and compare findings every this many edits. */
  lintEvery: number;
  /** Keep edits inside this chunk of the original text (the big CRD of gotk-components). */
  focus?: { start: number; end: number };
  /** The benchmark's edits: one letter from a line's first non-blank character on, never undone. */
  bench?: boolean;
}

function benchEdit(text: string, r: () => number, focus?: { start: number; end: number }): Edit {
  const lo = focus?.start ?? 0;
  const hi = focus?.end ?? text.length;
  let pos = lo;
  for (let tries = 0; tries < 100; tries++) {
    pos = lo + Math.floor(r() * (hi - lo));
    const ls = text.lastIndexOf('\n', pos - 1) + 1;
    const nl = text.indexOf('\n', pos);
    const line = text.slice(ls, nl < 0 ? text.length : nl);
    if (line.trim() === '' || line.startsWith('---')) continue;
    const first = ls + line.length - line.trimStart().length;
    pos = first + Math.floor(r() * (ls + line.replace(/\r$/, '').length - first + 1));
    break;
  }
  return { start: pos, end: pos, text: String.fromCharCode(97 + Math.floor(r() * 26)) };
}

const linter = new Linter(RULES);

function run(path: string, original: string, o: RunOptions): { hits: number; misses: number } {
  const r = rng(o.seed);
  const inc = new Workspace();
  const fresh = new Workspace();
  const update = (text: string) => {
    setIncrementalParsing(true);
    inc.update(path, text);
    setIncrementalParsing(false);
    fresh.update(path, text);
    setIncrementalParsing(true);
  };
  const before = { ...incrementalStats };
  let text = original;
  update(text);
  const verified = new WeakMap<object, object>();
  const check = (what: string, lint: boolean) => {
    const a = inc.get(path)!.yaml!;
    const b = fresh.get(path)!.yaml!;
    for (let i = 0; i < Math.min(a.documents.length, b.documents.length); i++) {
      if (verified.get(a.documents[i].doc) === b.documents[i].doc && a.documents[i].offset === b.documents[i].offset) continue;
      const d = diffDocument(a.documents[i], b.documents[i]);
      if (d) assert.fail(`${path} after ${what}: ${d}`);
      verified.set(a.documents[i].doc, b.documents[i].doc);
    }
    if (a.documents.length !== b.documents.length || a.isTemplate !== b.isTemplate) assert.fail(`${path} after ${what}: ${diffFile(a, b)}`);
    if (lint) {
      const fa = linter.lintFile(inc, path);
      const fb = linter.lintFile(fresh, path);
      assert.deepEqual(fa.ruleErrors, fb.ruleErrors, `${path} after ${what}: rule errors`);
      assert.deepEqual(plainFindings(fa.findings), plainFindings(fb.findings), `${path} after ${what}: findings`);
    }
  };
  let focus = o.focus;
  const step = (e: Edit, what: string, lint: boolean) => {
    const next = apply(text, e);
    if (focus) focus = { start: focus.start, end: Math.max(focus.start + 1, Math.min(next.length, focus.end + next.length - text.length)) };
    text = next;
    update(text);
    check(what, lint);
  };
  for (let i = 0; i < o.edits; i++) {
    const e = o.bench ? benchEdit(text, r, focus) : randomEdit(text, r, focus);
    const removed = text.slice(e.start, e.end);
    step(e, `edit ${i} ${JSON.stringify(e)} (seed ${o.seed})`, (i + 1) % o.lintEvery === 0);
    // Undo half the edits, like a user typing and deleting: brings broken text back to valid.
    if (!o.bench && r() < 0.5) step({ start: e.start, end: e.start + e.text.length, text: removed }, `undo of edit ${i} (seed ${o.seed})`, false);
  }
  return { hits: incrementalStats.hits - before.hits, misses: incrementalStats.misses - before.misses };
}

function fixtureFiles(): string[] {
  const dir = join(ROOT, 'test', 'fixtures', 'rules');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^firing[^.]*\.yaml$/.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A fixture without its annotation comments and `#-` headers (comments stop the fast path). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .map((l) => l.replace(/\s+#\s.*$/, ''))
    .join('\n');
}

const SHAPES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web, tier: "front"}
  annotations:
    note: |
      first line
        indented

      after a blank line
    folded: >-
      folded
      text
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: "nginx:1.25"
        args:
        - --port
        - "8080"
        -   --spaced
        env:
          - name: A
            value: 'single
              quoted'
          - name: B
            value: plain
              continued
          -
            name: C
            value: ""
        ports: [{containerPort: 8080, name: http}]
        securityContext:
          runAsNonRoot: true

          readOnlyRootFilesystem: true
      - name: side
        image: busybox
        command: ["sh", "-c"]
      volumes:
        - name: data
          emptyDir: {}
        - - nested
          - seq
        - key: compact
          other: 1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
  b: 2
  url: https://git.k8s.io/api-conventions.md#resources
  flow: [a,#b
    , c]
  c: ~
  d:
  e: 0x1F
  f: 1e3
  g: .inf
  h: null
...
---
# a comment before
apiVersion: v1
kind: Service
metadata: {name: svc}
spec:
  ports:
  - port: 80 # trailing
    # between
    targetPort: 8080
  selector:
    app: web
`;

test('incremental YAML re-parse equals a fresh parse: hand-written shapes', () => {
  const crlf = SHAPES.replace(/\n/g, '\r\n');
  let hits = 0;
  for (const [i, t] of [SHAPES, withoutComments(SHAPES), crlf].entries()) {
    hits += run(`shapes-${i}.yaml`, t, { edits: 50 * SCALE, seed: SEED + i, lintEvery: 20 }).hits;
    hits += run(`shapes-${i}.yaml`, t, { edits: 25 * SCALE, seed: SEED + 10 + i, lintEvery: 20, bench: true }).hits;
  }
  assert.ok(hits > 20, `the fast path was taken only ${hits} times`);
});

test('incremental YAML re-parse equals a fresh parse: rule fixtures', () => {
  let hits = 0;
  let n = 0;
  for (const f of fixtureFiles()) {
    const text = readFileSync(f, 'utf8');
    if (text.length < 600) continue;
    const t = withoutComments(text);
    const s = run(f.slice(ROOT.length + 1), t, { edits: 4 * SCALE, seed: SEED + n++, lintEvery: 4 });
    hits += s.hits;
  }
  assert.ok(n > 10);
  assert.ok(hits > 30, `the fast path was taken only ${hits} times`);
});

test('incremental YAML re-parse equals a fresh parse: gotk-components.yaml', { skip: existsSync(GOTK) ? false : 'corpus not present' }, () => {
  const text = readFileSync(GOTK, 'utf8');
  // Edits in the largest document: the ones the fast path exists for.
  const biggest = parseYaml(text).documents.reduce((a, b) => (b.chunk.length > a.chunk.length ? b : a));
  const focus = { start: biggest.offset, end: biggest.offset + biggest.chunk.length };
  // The benchmark's edits; random ones too in the longer variant (BLUEPRINT_INCREMENTAL_EDITS).
  const bench = run('gotk-components.yaml', text, { edits: 16 * SCALE, seed: SEED + 1, lintEvery: 16, focus, bench: true });
  const inBig = SCALE > 1 ? run('gotk-components.yaml', text, { edits: 10 * SCALE, seed: SEED, lintEvery: 10, focus }) : { hits: 0 };
  assert.ok(inBig.hits + bench.hits > 10, `the fast path was taken only ${inBig.hits}, ${bench.hits} times`);
});

test('a cache of several chunks: edits in one chunk only re-use the others', () => {
  const cache: ChunkCache = new Map();
  const text = 'a: 1\nb:\n  c: 2\n  d: 3\n---\ne: 4\n';
  const first = parseYaml(text, { cache });
  const second = parseYaml(text.replace('c: 2', 'c: 22'), { cache });
  assert.equal(second.documents[1].doc, first.documents[1].doc);
  assert.notEqual(second.documents[0].memo, first.documents[0].memo);
  assert.deepEqual(second.documents[0].value, { a: 1, b: { c: 22, d: 3 } });
  assert.deepEqual(first.documents[0].value, { a: 1, b: { c: 2, d: 3 } }, 'the old version is untouched');
});
