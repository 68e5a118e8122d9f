// The annotated-fixture harness. A fixture is a real YAML (or HCL) file with the
// expected findings written as comments under the line they point at:
//
//   runAsUser: 0
//   ^^^^^^^^^^^^ error[k8s/run-as-non-root]: Container "web" runs as root (runAsUser: 0).
//
// written with a leading `#` (or `#<` when the span starts at column 0, so the
// carets can begin in column 0):
//
//       runAsUser: 0
//   #   ^^^^^^^^^^^^ error[k8s/run-as-non-root]: ...
//
// A span that runs past its first line ends with ` [to L:C]` (1-based) after the
// carets. `#- file: path` lines split one fixture into several workspace files;
// `#- rules: a, b` enables more rules than the one under test; `#- config:` is
// followed by a `.blueprint.yaml` file in the same way. The harness lints the
// files, renders the actual findings back into this form and compares strings.
import { LineIndex } from '../../server/src/core/types';
import type { Finding } from '../../server/src/core/types';

export interface FixtureFile {
  path: string;
  /** The file's text without annotation lines. */
  text: string;
}

export interface ParsedFixture {
  files: FixtureFile[];
  extraRules: string[];
  /** The header lines (#- ...) in order, kept verbatim for rendering. */
  headers: Map<string, string[]>;
}

const ANNOTATION = /^[ \t]*#(<?)([ \t]*)(\^+)(?: \[to \d+:\d+\])? (error|warning|info|hint)\[/;
const FILE_HEADER = /^#- file: (.+)$/;
const RULES_HEADER = /^#- rules: (.+)$/;

export function isAnnotation(line: string): boolean {
  return ANNOTATION.test(line);
}

export function parseFixture(text: string, defaultPath: string): ParsedFixture {
  const lines = text.split('\n');
  const files: { path: string; lines: string[] }[] = [];
  const headers = new Map<string, string[]>();
  let extraRules: string[] = [];
  let current: { path: string; lines: string[] } | undefined;
  for (const line of lines) {
    const f = FILE_HEADER.exec(line);
    if (f) {
      current = { path: f[1].trim(), lines: [] };
      files.push(current);
      continue;
    }
    const r = RULES_HEADER.exec(line);
    if (r && !current) {
      extraRules = r[1].split(/[\s,]+/).filter(Boolean);
      continue;
    }
    if (!current) {
      current = { path: defaultPath, lines: [] };
      files.push(current);
    }
    if (isAnnotation(line)) continue;
    current.lines.push(line);
  }
  return {
    files: files.map((f) => ({ path: f.path, text: f.lines.join('\n') })),
    extraRules,
    headers,
  };
}

/** Render one file's text with its findings as annotation lines under the lines they start on. */
export function renderFile(text: string, findings: readonly Finding[]): string {
  const idx = new LineIndex(text);
  const byLine = new Map<number, string[]>();
  for (const f of [...findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId))) {
    const s = idx.position(f.span.start);
    const e = idx.position(f.span.end);
    const lineText = text.slice(idx.starts[s.line], idx.lineEnd(s.line));
    const endCol = e.line === s.line ? e.character : lineText.length;
    const len = Math.max(1, endCol - s.character);
    const to = e.line === s.line ? '' : ` [to ${e.line + 1}:${e.character + 1}]`;
    const lead = s.character === 0 ? '#<' : '#' + ' '.repeat(s.character - 1);
    const msg = f.message.replace(/\n/g, ' ');
    const line = `${lead}${'^'.repeat(len)}${to} ${f.severity}[${f.ruleId}]: ${msg}`;
    byLine.set(s.line, [...(byLine.get(s.line) ?? []), line]);
  }
  const out: string[] = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    out.push(l);
    for (const a of byLine.get(i) ?? []) out.push(a);
  });
  return out.join('\n');
}

/** Render a whole (possibly multi-file) fixture. */
export function renderFixture(parsed: ParsedFixture, texts: Map<string, string>, findings: readonly Finding[], multiFile: boolean, header: string[]): string {
  const parts: string[] = [...header];
  for (const f of parsed.files) {
    if (multiFile) parts.push(`#- file: ${f.path}`);
    const text = texts.get(f.path) ?? f.text;
    parts.push(renderFile(text, findings.filter((x) => x.file === f.path)));
  }
  return parts.join('\n');
}
