// The fuzz harness's core: seeded mutators over the rule fixtures and the shared
// corpus, and the property checks run on each mutated workspace. Used by
// scripts/fuzz.ts (`npm run fuzz`, many inputs, child processes with a watchdog)
// and test/fuzz/fuzz.test.ts (a short in-process run inside `npm test`).
//
// Every input is a pure function of (seed, index): `npm run fuzz -- --seed S --only I`
// replays one input exactly.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConfig } from '../../server/src/core/config';
import { Workspace } from '../../server/src/core/model/workspace';
import { fixFile, Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits, Finding, Span, TextEdit } from '../../server/src/core/types';
import { parseFixture } from '../harness/fixtures';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'rules');
export const CORPUS = join(PROJECT_ROOT, '..', 'shared', 'corpus');

/** Inputs slower than this are reported as hangs. */
export const SLOW_MS = 2000;

// ---------------------------------------------------------------- randomness

export type Rng = () => number;

/** mulberry32: small, fast, good enough for fuzzing; deterministic per seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator of input `index` under `seed`. */
export function rngFor(seed: number, index: number): Rng {
  return rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

// ---------------------------------------------------------------- seeds

/** A small workspace: files by key (relative paths, as the CLI uses). */
export interface SeedWorkspace {
  name: string;
  files: Record<string, string>;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/**
 * Seed workspaces: every fixture (its `#- file:` parts, annotations stripped)
 * and, when ../shared/corpus is present, each corpus file with up to two
 * neighbours from the same project (cross-file rules get something to join).
 */
export function loadSeeds(): SeedWorkspace[] {
  const out: SeedWorkspace[] = [];
  for (const p of walk(FIXTURES)) {
    if (!/\.(ya?ml|tf)$/.test(p)) continue;
    const rel = relative(FIXTURES, p);
    const fx = parseFixture(readFileSync(p, 'utf8'), rel.split(/[\\/]/).pop()!);
    const files: Record<string, string> = {};
    for (const f of fx.files) files[f.path] = f.text;
    out.push({ name: `fixture:${rel}`, files });
  }
  const projects = existsSync(CORPUS) ? readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory()) : [];
  for (const project of projects.sort()) {
    const all = walk(join(CORPUS, project)).filter((p) => /\.(ya?ml|tf)$/.test(p) && statSync(p).size < 512 * 1024);
    all.forEach((p, i) => {
      const files: Record<string, string> = {};
      for (const q of [p, all[(i + 1) % all.length], all[(i + 7) % all.length]]) files[relative(join(CORPUS, project), q)] = readFileSync(q, 'utf8');
      out.push({ name: `corpus:${project}/${relative(join(CORPUS, project), p)}`, files });
    });
  }
  return out;
}

// ---------------------------------------------------------------- mutators

type Mutator = (text: string, r: Rng) => string;

const lines = (t: string) => t.split('\n');
const docBoundaries = (t: string) => {
  const out: number[] = [];
  const re = /^---/gm;
  for (let m; (m = re.exec(t)); ) out.push(m.index);
  return out;
};

const SNIPPETS = [
  '{{ .Values.x }}',
  '{{- if .Values.enabled }}',
  '{{ }}',
  '${var.x}',
  '&a',
  '*a',
  '*undefined',
  '<<: *a',
  '!!binary',
  '!Ref x',
  '? complex',
  '- ',
  ': ',
  '"',
  "'",
  '|',
  '>-',
  '[',
  ']',
  '{',
  '}',
  '#',
  '---',
  '...',
  '%YAML 1.2',
  '\t',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\u2028',
  '🙂',
  'é',
  'null',
  '~',
  '0x10',
  '1e400',
  '-.inf',
  '<<EOT',
  'EOT',
  '${',
  '%{ if x }',
  '/*',
  '*/',
  'kind: Kustomization',
  'apiVersion: v1',
  'path: ../../../etc',
  'namespace: ""',
  'metadata: []',
  'spec: 3',
  'containers: {}',
];

export const MUTATORS: Record<string, Mutator> = {
  byteFlip: (t, r) => {
    if (!t) return t;
    const i = int(r, t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << int(r, 7))) + t.slice(i + 1);
  },
  truncate: (t, r) => t.slice(0, int(r, t.length + 1)),
  truncateAtDocument: (t, r) => {
    const b = docBoundaries(t);
    if (!b.length) return t.slice(0, int(r, t.length + 1));
    const at = pick(r, b) + int(r, 5) - 2; // at, just before or just after the `---`
    return t.slice(0, Math.max(0, at));
  },
  deleteLines: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    ls.splice(i, 1 + int(r, 3));
    return ls.join('\n');
  },
  duplicateLines: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    const n = 1 + int(r, 4);
    ls.splice(i, 0, ...ls.slice(i, i + n));
    return ls.join('\n');
  },
  reindent: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    const pad = pick(r, ['', ' ', '  ', '   ', '\t', '    ', ' \t']);
    ls[i] = pad + ls[i].replace(/^[ \t]*/, r() < 0.5 ? '' : ls[i].match(/^[ \t]*/)![0]);
    return ls.join('\n');
  },
  insertSnippet: (t, r) => {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + pick(r, SNIPPETS) + t.slice(i);
  },
  insertTemplate: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    ls[i] = ls[i].replace(/: .*$/, ': {{ .Values.x }}');
    return ls.join('\n');
  },
  tabs: (t, r) => (r() < 0.5 ? t.replace(/^ {2}/gm, '\t') : t.replace(/ /g, (s) => (r() < 0.05 ? '\t' : s))),
  bom: (t, r) => (r() < 0.5 ? '\uFEFF' + t : t.replace(/\n/, '\n\uFEFF')),
  crlf: (t, r) => (r() < 0.5 ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, (s) => (r() < 0.3 ? '\r\n' : r() < 0.1 ? '\r' : s))),
  nul: (t, r) => {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + '\u0000' + t.slice(i);
  },
  invalidUtf8: (t, r) => {
    // What a decoder makes of invalid bytes: U+FFFD, or lone surrogates from a bad UTF-16 source.
    const i = int(r, t.length + 1);
    return t.slice(0, i) + pick(r, ['\uFFFD', '\uFFFD\uFFFD', '\uD83D', '\uDE00', Buffer.from([0xc3, 0x28, 0xff, 0xfe]).toString('utf8')]) + t.slice(i);
  },
  longLine: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    const n = 2000 + int(r, 60_000);
    ls[i] = ls[i] + (r() < 0.5 ? 'x'.repeat(n) : ` "${'a'.repeat(n)}"`);
    return ls.join('\n');
  },
  deepNesting: (t, r) => {
    const depth = r() < 0.8 ? 50 + int(r, 400) : 2000 + int(r, 8000);
    const ls = lines(t);
    const i = int(r, ls.length + 1);
    const kind = int(r, 5);
    const nest =
      kind === 0
        ? Array.from({ length: Math.min(depth, 1000) }, (_, d) => ' '.repeat(d) + `k${d}:`).join('\n') + ' v'
        : kind === 1
          ? 'x: ' + '['.repeat(depth) + ']'.repeat(depth)
          : kind === 2
            ? 'x: ' + '{a: '.repeat(depth) + '1' + '}'.repeat(depth)
            : kind === 3 // HCL: a nested tuple / object expression
              ? 'x = ' + (r() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{a = '.repeat(depth) + '1' + '}'.repeat(depth))
              : 'b {\n'.repeat(depth) + '}\n'.repeat(depth); // HCL: nested blocks
    ls.splice(i, 0, nest);
    return ls.join('\n');
  },
  swapValues: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    ls[i] = ls[i].replace(/:( .*)?$/, `: ${pick(r, ['[]', '{}', 'null', '3', '"x"', '- a', '|\n  block', '*a', '&a x', 'true'])}`);
    return ls.join('\n');
  },
  aliasBomb: (t, r) => {
    const n = 3 + int(r, 8);
    const defs = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < n; i++) defs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    return r() < 0.5 ? defs.join('\n') + '\n' + t : t + '\n---\n' + defs.join('\n');
  },
  spliceOtherFile: (t, r) => {
    // Lines of the same text moved elsewhere: documents cut in strange places.
    const ls = lines(t);
    const i = int(r, ls.length);
    const n = 1 + int(r, 10);
    const moved = ls.splice(i, n);
    ls.splice(int(r, ls.length + 1), 0, ...moved);
    return ls.join('\n');
  },
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

/** One fuzz input: a seed workspace with one file mutated 1–4 times. */
export interface FuzzInput {
  index: number;
  seedName: string;
  target: string;
  mutations: string[];
  files: Record<string, string>;
}

export function makeInput(seeds: readonly SeedWorkspace[], seed: number, index: number): FuzzInput {
  const r = rngFor(seed, index);
  const s = seeds[int(r, seeds.length)];
  const keys = Object.keys(s.files);
  const target = pick(r, keys);
  let text = s.files[target];
  const mutations: string[] = [];
  for (let n = 1 + int(r, 4); n > 0; n--) {
    const m = pick(r, MUTATOR_NAMES);
    mutations.push(m);
    text = MUTATORS[m](text, r);
  }
  return { index, seedName: s.name, target, mutations, files: { ...s.files, [target]: text } };
}

// ---------------------------------------------------------------- properties

export interface Failure {
  kind: 'crash' | 'slow' | 'range' | 'edit' | 'fix-breaks-syntax' | 'rule-error';
  message: string;
}

function spanInside(span: Span, len: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= len;
}

/** Syntax problems of a file as a multiset of messages (parse problems, HCL errors). */
export function syntaxProblems(ws: Workspace, path: string): number {
  const f = ws.get(path);
  if (!f) return 0;
  let n = 0;
  for (const d of f.yaml?.documents ?? []) n += d.problems.filter((p) => p.code === 'syntax' || p.code === 'alias-bomb').length;
  n += f.hcl?.errors.length ?? 0;
  return n;
}

function editsValid(edits: readonly TextEdit[], len: number): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    if (!spanInside(sorted[i], len)) return `edit [${sorted[i].start}, ${sorted[i].end}) outside the text (length ${len})`;
    if (typeof sorted[i].newText !== 'string') return 'edit without newText';
    if (i > 0 && sorted[i].start < sorted[i - 1].end) return `overlapping edits [${sorted[i - 1].start}, ${sorted[i - 1].end}) and [${sorted[i].start}, ${sorted[i].end})`;
  }
  return undefined;
}

function linterFor(files: Record<string, string>): Linter {
  const ids = RULES.map((r) => r.id);
  const cfg = files['.blueprint.yaml'] ?? files['.blueprint.yml'];
  return new Linter(RULES, cfg === undefined ? {} : parseConfig(cfg, ids).config);
}

/**
 * Run the core on one input and check the properties: nothing throws out of
 * Workspace.update / Linter.lintFile / fixFile; every finding (and related) span
 * lies inside its file; every fix's edits are in bounds and do not overlap, and
 * applying one (on a file without syntax problems) adds none; no rule throws.
 */
export function checkCore(input: FuzzInput, r: Rng = rngFor(0x5eed, input.index), slowMs = SLOW_MS): { failures: Failure[]; ms: number; findings: number } {
  const failures: Failure[] = [];
  const t0 = performance.now();
  let findings = 0;
  try {
    const ws = new Workspace();
    for (const [k, v] of Object.entries(input.files)) ws.update(k, v);
    const linter = linterFor(input.files);
    const byFile = new Map<string, Finding[]>();
    for (const path of ws.paths()) {
      const res = linter.lintFile(ws, path);
      byFile.set(path, res.findings);
      findings += res.findings.length;
      for (const e of res.ruleErrors) failures.push({ kind: 'rule-error', message: `${e.ruleId} threw on ${e.file}${e.object ? ` (${e.object})` : ''}: ${e.message}` });
      const len = ws.get(path)!.text.length;
      for (const f of res.findings) {
        if (!spanInside(f.span, len)) failures.push({ kind: 'range', message: `${f.ruleId} span [${f.span.start}, ${f.span.end}) outside ${path} (length ${len})` });
        for (const rel of f.related ?? []) {
          const other = ws.get(rel.file);
          if (other && !spanInside(rel.span, other.text.length)) failures.push({ kind: 'range', message: `${f.ruleId} related span [${rel.span.start}, ${rel.span.end}) outside ${rel.file}` });
        }
        for (const fix of f.fixes) {
          const bad = editsValid(fix.edits, len);
          if (bad) failures.push({ kind: 'edit', message: `${f.ruleId} fix "${fix.title}": ${bad}` });
          for (const o of fix.otherFiles ?? []) {
            const of = ws.get(o.file);
            if (o.edits && of) {
              const b = editsValid(o.edits, of.text.length);
              if (b) failures.push({ kind: 'edit', message: `${f.ruleId} fix "${fix.title}" on ${o.file}: ${b}` });
            }
          }
        }
      }
    }
    // Apply a few fixes of the mutated file one at a time: no new syntax problems.
    const target = ws.get(input.target);
    if (target && !target.skipped) {
      const before = syntaxProblems(ws, input.target);
      const withFix = (byFile.get(input.target) ?? []).filter((f) => f.fixes.some((x) => x.edits.length && !editsValid(x.edits, target.text.length)));
      if (before === 0) {
        for (let n = 0; n < 4 && withFix.length; n++) {
          const f = withFix.splice(int(r, withFix.length), 1)[0];
          for (const fix of f.fixes) {
            if (!fix.edits.length || editsValid(fix.edits, target.text.length)) continue;
            const scratch = new Workspace();
            scratch.update(input.target, applyEdits(target.text, fix.edits));
            const after = syntaxProblems(scratch, input.target);
            if (after > before) failures.push({ kind: 'fix-breaks-syntax', message: `${f.ruleId} fix "${fix.title}" adds ${after - before} syntax problem(s) to ${input.target}` });
          }
        }
      }
      const fixed = fixFile(linter, ws, input.target, 20);
      if (before === 0 && syntaxProblems(ws, input.target) > 0) failures.push({ kind: 'fix-breaks-syntax', message: `fix-all (${fixed.applied} fixes) adds syntax problems to ${input.target}` });
    }
  } catch (e) {
    failures.push({ kind: 'crash', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  const ms = performance.now() - t0;
  if (ms > slowMs) failures.push({ kind: 'slow', message: `${Math.round(ms)} ms` });
  const seen = new Set<string>();
  const unique = failures.filter((f) => !seen.has(f.kind + f.message) && seen.add(f.kind + f.message));
  return { failures: unique, ms, findings };
}

/** A one-line description of an input, to replay it. */
export function describe(input: FuzzInput, seed: number): string {
  return `seed ${seed} input ${input.index}: ${input.seedName} → ${input.target} [${input.mutations.join(', ')}]`;
}
