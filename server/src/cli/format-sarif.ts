// SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, ...). One run;
// one rule descriptor per enabled rule (docs text and doc URL); exact 1-based
// regions in UTF-16 columns; each safe fix as a SARIF fix; rules that threw and
// skipped files as tool execution notifications.
//
// Fingerprints: `partialFingerprints["blueprint/v1"]` is sha256 of rule id, file,
// object and the whitespace-normalised text of the finding's first line, plus
// `:n` for the n-th identical key in the file. It does not move when lines are
// added or removed elsewhere in the file, nor when the line is re-indented; it
// changes when the flagged line itself changes.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isAbsolute, join } from 'node:path';
import { DOCS_BASE_URL, ruleDocUrl } from '../core/rules/rule';
import type { Finding, Fix, LineIndex, Severity, Span } from '../core/types';
import { LintReport, rangeOf } from './report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'blueprint/v1';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  version: string;
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** 1-based region; endColumn is the column just after the last character (SARIF §3.30.5). */
export function regionOf(lines: LineIndex | undefined, span: Span): SarifRegion {
  const r = rangeOf(lines, span);
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function firstSentence(text: string): string {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

/** `k8s/run-as-non-root` -> `K8sRunAsNonRoot` (SARIF wants an identifier-like name). */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function fingerprintOf(f: Finding, lines: LineIndex | undefined): string {
  const line = lines ? lines.position(f.span.start).line : 0;
  const text = lines ? lines.text.slice(lines.starts[line], lines.lineEnd(line)) : '';
  const normalised = text.trim().replace(/\s+/g, ' ');
  return createHash('sha256').update([f.ruleId, f.file, f.object ?? '', normalised].join('\u0000')).digest('hex').slice(0, 32);
}

export function toSarif(report: LintReport, options: SarifOptions): Record<string, unknown> {
  const descriptors = report.rules.map(({ rule, severity }) => ({
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: firstSentence(rule.docs) },
    fullDescription: { text: rule.docs },
    help: { text: [rule.docs, rule.details].filter(Boolean).join('\n\n'), markdown: [rule.docs, rule.details].filter(Boolean).join('\n\n') },
    helpUri: ruleDocUrl(rule.id),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { category: rule.category, tags: [rule.category] },
  }));
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const occurrences = new Map<string, number>();

  const results = report.findings.map((f) => {
    const lines = report.sources.get(f.file);
    const hash = fingerprintOf(f, lines);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    const location = artifactLocation(f.file);
    return {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: location, region: regionOf(lines, f.span) },
          ...(f.object ? { logicalLocations: [{ fullyQualifiedName: f.object, kind: 'resource' }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
      // Only fixes that edit the finding's file: ones that create other files (Fix.otherFiles) are editor-only.
      ...(f.fixes.some(inFileFix)
        ? {
            fixes: f.fixes.filter(inFileFix).map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: location,
                  replacements: fix.edits.map((e) => ({ deletedRegion: regionOf(lines, e), insertedContent: { text: e.newText } })),
                },
              ],
            })),
          }
        : {}),
      properties: { severity: f.severity },
    };
  });

  const notifications = [
    ...report.ruleErrors.map((e) => ({
      level: 'error',
      message: { text: `Rule ${e.ruleId} failed${e.object ? ` on ${e.object}` : ''}: ${e.message}` },
      descriptor: { id: e.ruleId },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file) } }],
    })),
    ...report.writeErrors.map((e) => ({
      level: 'error',
      message: { text: `Could not write the fixed file: ${e.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file) } }],
    })),
    ...report.skipped.map((s) => ({
      level: 'note',
      message: { text: `Skipped: ${s.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
    })),
  ];

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Blueprint',
            version: options.version,
            informationUri: DOCS_BASE_URL.replace(/\/blob\/[^/]+\/$/, ''),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(join(report.cwd, '/')).href } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.ruleErrors.length === 0 && report.writeErrors.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
      },
    ],
  };
}

export function formatSarif(report: LintReport, options: SarifOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}

function inFileFix(fix: Fix): boolean {
  return fix.edits.length > 0 && !fix.otherFiles?.length;
}
