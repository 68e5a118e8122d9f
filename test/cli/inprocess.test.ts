// The CLI's parts in-process: argument parsing, the formatters on hand-made
// reports, exit codes, and main() with a rule that throws (which the bundled
// command cannot be given).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { formatJson } from '../../server/src/cli/format-json';
import { formatSarif, regionOf, toSarif } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import { main } from '../../server/src/cli/main';
import { exitCodeOf, LintReport } from '../../server/src/cli/report';
import { defineRule } from '../../server/src/core/rules/rule';
import { RULES } from '../../server/src/core/rules/registry';
import { Finding, LineIndex } from '../../server/src/core/types';
import { makeWorkspace, removeWorkspaces, sarifValidator } from './helpers';

after(() => removeWorkspaces());

const TEXT = 'kind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n  containers: []\n';

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'yaml/duplicate-key', severity: 'error', message: 'Duplicate key.', file: 'pods/a.yaml', span: { start: 55, end: 65 }, fixes: [], ...over };
}

function report(findings: Finding[], over: Partial<LintReport> = {}): LintReport {
  const sources = new Map<string, LineIndex>();
  for (const f of findings) sources.set(f.file, new LineIndex(TEXT));
  return {
    cwd: '/repo',
    findings,
    sources,
    filesRead: 2,
    filesLinted: 2,
    skipped: [],
    ruleErrors: [],
    writeErrors: [],
    fixed: { fixes: 0, files: [] },
    rules: RULES.filter((r) => r.id.startsWith('yaml/')).map((rule) => ({ rule, severity: rule.severity })),
    ...over,
  };
}

describe('parseArgs', () => {
  const ids = RULES.map((r) => r.id);
  test('defaults: text, the current folder', () => {
    assert.deepEqual(parseArgs(['lint'], ids), { kind: 'lint', options: { paths: ['.'], format: 'text', rules: {}, fix: false, quiet: false } });
  });
  test('every option, both spellings, and -- before paths that look like flags', () => {
    const cmd = parseArgs(
      ['lint', '-f', 'sarif', '--profile=baseline', '-c', 'ci.yaml', '--rule', 'yaml/syntax=warning', '--rule=yaml/syntax=off', '--max-warnings', '0', '--fix', '-q', '--no-color', 'a', '--', '-b'],
      ids,
    );
    assert.deepEqual(cmd, {
      kind: 'lint',
      options: { paths: ['a', '-b'], format: 'sarif', profile: 'baseline', config: 'ci.yaml', rules: { 'yaml/syntax': 'off' }, maxWarnings: 0, fix: true, quiet: true, color: false },
    });
  });
  test('help and version anywhere', () => {
    assert.deepEqual(parseArgs(['lint', 'x', '-h'], ids), { kind: 'help', topic: 'lint' });
    assert.deepEqual(parseArgs(['help', 'lint'], ids), { kind: 'help', topic: 'lint' });
    assert.deepEqual(parseArgs(['-v'], ids), { kind: 'version' });
  });
  test('mistakes are UsageErrors', () => {
    assert.throws(() => parseArgs(['lint', '--max-warnings', '-1'], ids), UsageError);
    assert.throws(() => parseArgs(['lint', '--rule', '=error'], ids), /--rule expects <id>=/);
    assert.throws(() => parseArgs(['lint', '--quite'], ids), /unknown option "--quite"; did you mean "--quiet"\?/);
    assert.throws(() => parseArgs(['--format', 'json'], ids), /options come after the command/);
  });
});

describe('text formatter', () => {
  test('colors: severity and rule id painted, summary red when errors', () => {
    const out = formatText(report([finding({})]), { color: true });
    assert.equal(
      out,
      'pods/a.yaml:6:3  \x1b[31merror\x1b[0m  Duplicate key.  \x1b[2m[yaml/duplicate-key]\x1b[0m\n\n\x1b[31m1 problem (1 error, 0 warnings) in 1 of 2 files.\x1b[0m\n',
    );
  });
  test('summary counts info and hints, fixes and skipped files', () => {
    const out = formatText(
      report([finding({ severity: 'info' }), finding({ severity: 'hint', file: 'b.yaml' })], {
        fixed: { fixes: 3, files: ['c.yaml'] },
        skipped: [{ file: 'x.yaml', reason: 'binary file' }],
      }),
      { color: false },
    );
    assert.equal(
      out,
      'pods/a.yaml:6:3  info  Duplicate key.  [yaml/duplicate-key]\n\nb.yaml:6:3  hint  Duplicate key.  [yaml/duplicate-key]\n\nFixed 3 problems in 1 file.\n2 problems (0 errors, 0 warnings, 1 info, 1 hint) in 2 of 2 files; 1 skipped.\n',
    );
  });
});

describe('json formatter', () => {
  test('object is left out for file-level findings; ranges are zero-based', () => {
    assert.deepEqual(JSON.parse(formatJson(report([finding({ fixes: [{ title: 'Remove it', edits: [] }] })]))), {
      version: 1,
      findings: [
        {
          file: 'pods/a.yaml',
          ruleId: 'yaml/duplicate-key',
          severity: 'error',
          message: 'Duplicate key.',
          range: { start: { line: 5, character: 2 }, end: { line: 5, character: 12 } },
          fixes: ['Remove it'],
        },
      ],
      files: 2,
    });
  });
});

describe('sarif formatter', () => {
  test('regions: 1-based, endColumn after the last character, across lines', () => {
    const lines = new LineIndex(TEXT);
    assert.deepEqual(regionOf(lines, { start: 0, end: 4 }), { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 });
    assert.deepEqual(regionOf(lines, { start: 10, end: 26 }), { startLine: 2, startColumn: 1, endLine: 3, endColumn: 7 });
  });
  test('identical findings on identical lines get distinct fingerprints (:1, :2)', () => {
    const sarif = toSarif(report([finding({}), finding({ span: { start: 55, end: 65 } })]), { version: '9.9.9' }) as {
      runs: { results: { partialFingerprints: Record<string, string> }[] }[];
    };
    const [a, b] = sarif.runs[0].results.map((r) => r.partialFingerprints['blueprint/v1']);
    assert.equal(a.slice(0, 32), b.slice(0, 32));
    assert.deepEqual([a.slice(32), b.slice(32)], [':1', ':2']);
  });
  test('absolute paths become file URIs; rule errors make executionSuccessful false; still valid SARIF', () => {
    const log = JSON.parse(
      formatSarif(
        report([finding({ file: '/elsewhere/my app/a.yaml' })], {
          ruleErrors: [{ ruleId: 'yaml/syntax', file: 'b.yaml', message: 'boom' }],
        }),
        { version: '1.0.0' },
      ),
    );
    assert.deepEqual(sarifValidator()(log), []);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/my%20app/a.yaml' });
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, 'Rule yaml/syntax failed: boom');
  });
});

describe('exit codes', () => {
  test('0 clean, 1 errors or too many warnings, 2 when Blueprint failed', () => {
    assert.equal(exitCodeOf(report([])), 0);
    assert.equal(exitCodeOf(report([finding({ severity: 'warning' })])), 0);
    assert.equal(exitCodeOf(report([finding({ severity: 'warning' })]), 1), 0);
    assert.equal(exitCodeOf(report([finding({ severity: 'warning' })]), 0), 1);
    assert.equal(exitCodeOf(report([finding({ severity: 'info' })]), 0), 0, 'info does not count as a warning');
    assert.equal(exitCodeOf(report([finding({})])), 1);
    assert.equal(exitCodeOf(report([], { ruleErrors: [{ ruleId: 'x/y', file: 'a', message: 'm' }] })), 2);
    assert.equal(exitCodeOf(report([], { writeErrors: [{ file: 'a', reason: 'EACCES' }] })), 2);
  });
});

describe('main() with a rule that throws', () => {
  const explodes = defineRule({
    id: 'test/explodes',
    severity: 'warning',
    category: 'meta',
    profile: 'baseline',
    docs: 'Throws on every Deployment.',
    messages: {},
    appliesTo: ['Deployment'],
    check() {
      throw new Error('kaboom');
    },
  });
  const rules = [...RULES.filter((r) => r.id === 'yaml/duplicate-key'), explodes];

  test('reports the rule on stderr, still prints the other findings, exits 2', () => {
    const ws = makeWorkspace({
      'a.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\n',
      'b.yaml': 'a: 1\na: 2\n',
    });
    let stdout = '';
    let stderr = '';
    const code = main(['lint'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: ws, env: {}, stdoutIsTTY: true }, rules);
    assert.equal(code, 2);
    assert.equal(stderr, 'blueprint: rule test/explodes crashed on a.yaml (Deployment/shop/web): kaboom. Its findings are missing; please report this.\n');
    assert.equal(stdout, 'b.yaml:2:1  \x1b[31merror\x1b[0m  Key "a" appears more than once in this mapping.  \x1b[2m[yaml/duplicate-key]\x1b[0m\n\n\x1b[31m1 problem (1 error, 0 warnings) in 1 of 2 files.\x1b[0m\n');
  });

  test('NO_COLOR turns colors off even on a terminal', () => {
    const ws = makeWorkspace({ 'b.yaml': 'a: 1\na: 2\n' });
    let stdout = '';
    main(['lint'], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: ws, env: { NO_COLOR: '1' }, stdoutIsTTY: true }, rules);
    assert.ok(!stdout.includes('\x1b['));
  });
});
