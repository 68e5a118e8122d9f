// `blueprint lint` end to end: the bundled command (bin/blueprint.js) run as a
// child process on temporary workspaces. Each workspace's .blueprint.yaml keeps
// only the rules asserted on here (see helpers.ts), so new rules do not move
// these expectations.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';
import { buildCli, CHECKED_RULES, cliBundle, checkedRulesConfig, CORPUS, makeWorkspace, PROJECT_ROOT, removeWorkspaces, rulesOffExcept, runCli, sarifValidator } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
`;

/** DEPLOYMENT after --fix: the pod securityContext gains runAsNonRoot, nothing else moves. */
const DEPLOYMENT_FIXED = `${DEPLOYMENT}      securityContext:
        runAsNonRoot: true
`;

const SETTINGS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  # blueprint-disable-next-line k8s/run-as-non-root -- not a workload
  mode: fast
  mode: slow
`;

const RUN_AS_NON_ROOT_MESSAGE = 'Container "nginx" may run as root: set runAsNonRoot: true or a runAsUser above 0 (container or pod securityContext).';
const UNUSED_MESSAGE = 'Unused suppression: "k8s/run-as-non-root" reported nothing here.';
const DUPLICATE_MESSAGE = 'Key "mode" appears more than once in this mapping.';

function shop(extra: Record<string, string | Buffer> = {}): string {
  return makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'apps/deploy.yaml': DEPLOYMENT, 'apps/settings.yaml': SETTINGS, ...extra });
}

before(() => buildCli());
after(() => removeWorkspaces());

describe('text format', () => {
  test('one line per finding, grouped by file, 1-based, with a summary', () => {
    const r = runCli(['lint'], shop());
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `apps/deploy.yaml:17:11  error  ${RUN_AS_NON_ROOT_MESSAGE}  [k8s/run-as-non-root]`,
        '',
        `apps/settings.yaml:7:3  hint  ${UNUSED_MESSAGE}  [meta/unused-suppression]`,
        `apps/settings.yaml:9:3  error  ${DUPLICATE_MESSAGE}  [yaml/duplicate-key]`,
        '',
        '3 problems (2 errors, 0 warnings, 1 hint) in 2 of 3 files.',
        '',
      ].join('\n'),
    );
  });

  test('paths are shown as given, relative to the cwd', () => {
    const ws = shop();
    const r = runCli(['lint', './apps/deploy.yaml', join(ws, 'apps', 'settings.yaml')], ws);
    assert.deepEqual(
      r.stdout.split('\n').filter((l) => l.includes('  [')).map((l) => l.split('  ')[0]),
      ['apps/deploy.yaml:17:11', 'apps/settings.yaml:7:3', 'apps/settings.yaml:9:3'],
    );
  });

  test('a clean workspace says so and exits 0', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'deploy.yaml': DEPLOYMENT_FIXED });
    const r = runCli(['lint'], ws);
    assert.equal(r.stdout, 'No problems in 2 files.\n');
    assert.equal(r.code, 0);
  });

  test('--quiet keeps errors only', () => {
    const r = runCli(['lint', '--quiet'], shop());
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('[meta/unused-suppression]'));
    assert.match(r.stdout, /^2 problems \(2 errors, 0 warnings\) in 2 of 3 files\.$/m);
  });

  test('colors only when asked or on a terminal, never with NO_COLOR', () => {
    const ws = shop();
    assert.ok(!runCli(['lint'], ws).stdout.includes('\x1b['), 'no colors into a pipe');
    assert.ok(runCli(['lint', '--color'], ws).stdout.includes('\x1b[31merror\x1b[0m'));
    assert.ok(runCli(['lint'], ws, { FORCE_COLOR: '1' }).stdout.includes('\x1b[31merror\x1b[0m'));
    assert.ok(!runCli(['lint'], ws, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes('\x1b['));
  });
});

describe('json format', () => {
  test('the contract shape with exact zero-based ranges, objects and fix titles', () => {
    const r = runCli(['lint', '--format', 'json'], shop());
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      findings: [
        {
          file: 'apps/deploy.yaml',
          ruleId: 'k8s/run-as-non-root',
          severity: 'error',
          message: RUN_AS_NON_ROOT_MESSAGE,
          range: { start: { line: 16, character: 10 }, end: { line: 16, character: 25 } },
          object: 'Deployment/shop/web',
          fixes: ['Add runAsNonRoot: true to the pod securityContext'],
        },
        {
          file: 'apps/settings.yaml',
          ruleId: 'meta/unused-suppression',
          severity: 'hint',
          message: UNUSED_MESSAGE,
          range: { start: { line: 6, character: 2 }, end: { line: 6, character: 69 } },
          fixes: [],
        },
        {
          file: 'apps/settings.yaml',
          ruleId: 'yaml/duplicate-key',
          severity: 'error',
          message: DUPLICATE_MESSAGE,
          range: { start: { line: 8, character: 2 }, end: { line: 8, character: 6 } },
          fixes: [],
        },
      ],
      files: 3,
    });
  });

  test('a path outside the cwd keeps its ../ prefix', () => {
    const ws = shop({ 'ci/README.md': 'CI scripts.\n' });
    const r = runCli(['lint', '-f', 'json', '../apps'], join(ws, 'ci'));
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file),
      ['../apps/deploy.yaml', '../apps/settings.yaml', '../apps/settings.yaml'],
    );
  });
});

describe('sarif format', () => {
  const validate = sarifValidator();

  test('validates against the SARIF 2.1.0 schema, with rules, exact regions, fixes and fingerprints', () => {
    const r = runCli(['lint', '--format=sarif'], shop());
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(validate(log), []);
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'Blueprint');
    assert.equal(run.columnKind, 'utf16CodeUnits');

    const ids = run.tool.driver.rules.map((d: { id: string }) => d.id);
    assert.deepEqual([...ids].sort(), ['k8s/run-as-non-root', 'meta/config', 'meta/unused-suppression', 'yaml/duplicate-key', 'yaml/syntax']);
    for (const d of run.tool.driver.rules) {
      const rule = RULES.find((x) => x.id === d.id)!;
      assert.equal(d.fullDescription.text, rule.docs);
      assert.ok(d.help.text.startsWith(rule.docs));
      assert.equal(d.helpUri, `https://github.com/blueprint-dev/blueprint/blob/main/docs/rules/${d.id}.md`);
    }

    const [runAsRoot, unused, duplicate] = run.results;
    assert.equal(run.results.length, 3);
    assert.equal(ids[runAsRoot.ruleIndex], 'k8s/run-as-non-root');
    assert.equal(runAsRoot.level, 'error');
    assert.equal(runAsRoot.message.text, RUN_AS_NON_ROOT_MESSAGE);
    assert.deepEqual(runAsRoot.locations[0].physicalLocation, {
      artifactLocation: { uri: 'apps/deploy.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 17, startColumn: 11, endLine: 17, endColumn: 26 },
    });
    assert.deepEqual(runAsRoot.locations[0].logicalLocations, [{ fullyQualifiedName: 'Deployment/shop/web', kind: 'resource' }]);
    assert.deepEqual(runAsRoot.fixes, [
      {
        description: { text: 'Add runAsNonRoot: true to the pod securityContext' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'apps/deploy.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [
              {
                deletedRegion: { startLine: 18, startColumn: 44, endLine: 18, endColumn: 44 },
                insertedContent: { text: '\n      securityContext:\n        runAsNonRoot: true' },
              },
            ],
          },
        ],
      },
    ]);
    assert.equal(unused.level, 'note');
    assert.deepEqual(unused.locations[0].physicalLocation.region, { startLine: 7, startColumn: 3, endLine: 7, endColumn: 70 });
    assert.equal(duplicate.ruleId, 'yaml/duplicate-key');
    assert.deepEqual(duplicate.locations[0].physicalLocation.region, { startLine: 9, startColumn: 3, endLine: 9, endColumn: 7 });
    for (const res of run.results) assert.match(res.partialFingerprints['blueprint/v1'], /^[0-9a-f]{32}:1$/);
    assert.equal(run.invocations[0].executionSuccessful, true);
  });

  test('fingerprints do not move when unrelated lines are added above', () => {
    const before = JSON.parse(runCli(['lint', '-f', 'sarif'], shop()).stdout).runs[0].results;
    const shifted = shop({ 'apps/deploy.yaml': `# Owned by the shop team.\n# Reviewed 2025.\n${DEPLOYMENT}` });
    const afterResults = JSON.parse(runCli(['lint', '-f', 'sarif'], shifted).stdout).runs[0].results;
    assert.equal(afterResults[0].locations[0].physicalLocation.region.startLine, 19);
    assert.deepEqual(
      afterResults.map((x: { partialFingerprints: unknown }) => x.partialFingerprints),
      before.map((x: { partialFingerprints: unknown }) => x.partialFingerprints),
    );
  });

  test('the validator rejects a broken log (it really checks)', () => {
    const log = JSON.parse(runCli(['lint', '-f', 'sarif'], shop()).stdout);
    log.runs[0].results[0].level = 'info';
    delete log.runs[0].tool.driver.name;
    assert.equal(validate(log).length > 0, true);
  });
});

describe('exit codes, severities and profiles', () => {
  test('--rule off silences a rule; no errors left means exit 0', () => {
    const r = runCli(['lint', '--rule', 'k8s/run-as-non-root=off', '--rule=yaml/duplicate-key=off', '-f', 'json'], shop());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId),
      ['meta/unused-suppression'],
    );
  });

  test('--max-warnings: warnings within the limit pass, one more fails', () => {
    const ws = shop();
    const flags = ['lint', '--rule', 'k8s/run-as-non-root=warning', '--rule', 'yaml/duplicate-key=warning'];
    assert.equal(runCli(flags, ws).code, 0, 'warnings alone never fail without --max-warnings');
    assert.equal(runCli([...flags, '--max-warnings', '2'], ws).code, 0);
    const over = runCli([...flags, '--max-warnings', '1'], ws);
    assert.equal(over.code, 1);
    assert.match(over.stdout, /^3 problems \(0 errors, 2 warnings, 1 hint\) in 2 of 3 files\.\nToo many warnings: 2, more than --max-warnings 1\.\n$/m);
  });

  test('--rule accepts hint and info; the hint is shown as such', () => {
    const r = runCli(['lint', '-f', 'json', '--rule', 'k8s/run-as-non-root=hint', '--rule', 'yaml/duplicate-key=info'], shop());
    assert.equal(r.code, 0);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}=${f.severity}`),
      ['k8s/run-as-non-root=hint', 'meta/unused-suppression=hint', 'yaml/duplicate-key=info'],
    );
  });

  test('--profile baseline enables only baseline rules; restricted adds the rest', () => {
    // No config file here: the profile alone decides which rules run.
    const ws = makeWorkspace({ 'deploy.yaml': DEPLOYMENT });
    const enabled = (profile: string) =>
      JSON.parse(runCli(['lint', '-f', 'sarif', '--profile', profile], ws).stdout).runs[0].tool.driver.rules.map((d: { id: string }) => d.id).sort();
    const expected = (profiles: string[]) => RULES.filter((r) => profiles.includes(r.profile)).map((r) => r.id).sort();
    assert.deepEqual(enabled('baseline'), expected(['always', 'baseline']));
    assert.deepEqual(enabled('restricted'), expected(['always', 'baseline', 'restricted']));
    const rootFindings = (profile: string) =>
      JSON.parse(runCli(['lint', '-f', 'json', '--profile', profile], ws).stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'k8s/run-as-non-root').length;
    assert.equal(rootFindings('baseline'), 1);
    assert.equal(rootFindings('restricted'), 1);
  });

  test('--profile overrides the config file, --rule overrides both', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': 'profile: baseline\nrules:\n  k8s/run-as-non-root: warning\n', 'deploy.yaml': DEPLOYMENT });
    const rules = (args: string[]) => JSON.parse(runCli(['lint', '-f', 'sarif', ...args], ws).stdout).runs[0].tool.driver.rules;
    const restrictedOnly = RULES.filter((r) => r.profile === 'restricted').map((r) => r.id);
    const fromFile = rules([]).map((d: { id: string }) => d.id);
    assert.ok(restrictedOnly.every((id) => !fromFile.includes(id)), 'the file says baseline');
    const fromFlag = rules(['--profile', 'restricted']).map((d: { id: string }) => d.id);
    assert.ok(restrictedOnly.every((id) => fromFlag.includes(id)), '--profile restricted wins');
    const level = (args: string[]) => rules(args).find((d: { id: string }) => d.id === 'k8s/run-as-non-root').defaultConfiguration.level;
    assert.equal(level([]), 'warning');
    assert.equal(level(['--rule', 'k8s/run-as-non-root=error']), 'error');
  });
});

describe('configuration', () => {
  test('a broken --config is a meta/config finding, its valid parts still apply, and the rest is linted', () => {
    const config = `profile: strict\nrules:\n  k8s/run-as-non-root: warning\n  k8s/run-as-nonroot: off\n${rulesOffExcept()}`;
    const ws = makeWorkspace({ 'ci/blueprint-ci.yaml': config, 'apps/deploy.yaml': DEPLOYMENT });
    const r = runCli(['lint', '--config', 'ci/blueprint-ci.yaml', 'apps'], ws);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        'ci/blueprint-ci.yaml:1:10  error  profile must be one of: baseline, restricted, drupal-aks.  [meta/config]',
        'ci/blueprint-ci.yaml:4:3  error  Unknown rule "k8s/run-as-nonroot"; did you mean "k8s/run-as-non-root"?  [meta/config]',
        '',
        `apps/deploy.yaml:17:11  warning  ${RUN_AS_NON_ROOT_MESSAGE}  [k8s/run-as-non-root]`,
        '',
        '3 problems (2 errors, 1 warning) in 2 of 2 files.',
        '',
      ].join('\n'),
    );
  });

  test('the nearest .blueprint.yaml above the linted folder is used and linted', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': `ignore: [apps/legacy/**]\nrules:\n  k8s/no-such-rule: off\n${rulesOffExcept()}`, 'apps/deploy.yaml': DEPLOYMENT, 'apps/legacy/old.yaml': DEPLOYMENT });
    const r = runCli(['lint', '-f', 'json', 'apps'], ws);
    const findings = JSON.parse(r.stdout).findings.map((f: { file: string; ruleId: string; message: string }) => `${f.file} ${f.ruleId} ${f.message}`);
    assert.deepEqual(findings, [
      '.blueprint.yaml meta/config Unknown rule "k8s/no-such-rule".',
      `apps/deploy.yaml k8s/run-as-non-root ${RUN_AS_NON_ROOT_MESSAGE}`,
    ]);
  });

  test('--config pointing nowhere is a usage error', () => {
    const r = runCli(['lint', '--config', 'missing.yaml'], shop());
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'blueprint: config file not found: missing.yaml\n');
  });
});

describe('walking', () => {
  test('node_modules and friends are skipped under any given path, also outside the cwd', () => {
    const ws = makeWorkspace({
      'repo/.blueprint.yaml': checkedRulesConfig(),
      'repo/deploy.yaml': DEPLOYMENT_FIXED,
      'repo/node_modules/pkg/dup.yaml': 'a: 1\na: 2\n',
      'repo/.git/config.yaml': 'a: 1\na: 2\n',
      'other/README.md': 'elsewhere\n',
    });
    const r = runCli(['lint', '../repo'], join(ws, 'other'));
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'No problems in 2 files.\n');
  });

  test('a file named explicitly is taken whatever its name; one the core cannot analyse is noted', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'deploy.yaml': DEPLOYMENT_FIXED, 'notes.txt': 'a: 1\na: 2\n' });
    const r = runCli(['lint', 'notes.txt', 'deploy.yaml'], ws);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'blueprint: skipped notes.txt: not a .yaml, .yml or .tf file\n');
    assert.equal(r.stdout, 'No problems in 2 files; 1 skipped.\n');
  });
});

describe('--fix', () => {
  test('applies the safe fix in place, changes nothing else, reports what is left', () => {
    const ws = shop();
    const r = runCli(['lint', '--fix'], ws);
    assert.equal(readFileSync(join(ws, 'apps', 'deploy.yaml'), 'utf8'), DEPLOYMENT_FIXED);
    assert.equal(readFileSync(join(ws, 'apps', 'settings.yaml'), 'utf8'), SETTINGS, 'a file with no safe fix is not rewritten');
    assert.equal(r.code, 1, 'the duplicate key has no fix and is still an error');
    assert.equal(
      r.stdout,
      [
        `apps/settings.yaml:7:3  hint  ${UNUSED_MESSAGE}  [meta/unused-suppression]`,
        `apps/settings.yaml:9:3  error  ${DUPLICATE_MESSAGE}  [yaml/duplicate-key]`,
        '',
        'Fixed 1 problem in 1 file.',
        '2 problems (1 error, 0 warnings, 1 hint) in 1 of 3 files.',
        '',
      ].join('\n'),
    );
    const again = runCli(['lint', '--fix', '-f', 'json'], ws);
    assert.equal(again.stderr, '', 'nothing left to fix');
    assert.equal(readFileSync(join(ws, 'apps', 'deploy.yaml'), 'utf8'), DEPLOYMENT_FIXED);
  });

  test('json output after --fix notes the fixes on stderr only', () => {
    const r = runCli(['lint', '--fix', '-f', 'json', 'apps/deploy.yaml'], shop());
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, findings: [], files: 2 });
    assert.equal(r.stderr, 'blueprint: fixed 1 problem(s) in 1 file(s).\n');
  });
});

describe('usage', () => {
  const ws = () => shop();
  const usage = (args: string[], message: string) => {
    const r = runCli(args, ws());
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n')[0], message);
  };

  test('--help, lint --help and --version print and exit 0', () => {
    const main = runCli(['--help'], PROJECT_ROOT);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /^Usage: blueprint <command> \[options\]/);
    const lint = runCli(['lint', '--help'], PROJECT_ROOT);
    assert.equal(lint.code, 0);
    assert.match(lint.stdout, /^Usage: blueprint lint \[options\] \[paths\.\.\.\]/);
    for (const flag of ['--format', '--profile', '--config', '--rule', '--max-warnings', '--fix', '--quiet']) assert.ok(lint.stdout.includes(flag), flag);
    const version = runCli(['--version'], PROJECT_ROOT);
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('no command prints the usage on stderr, exit 2', () => {
    const r = runCli([], PROJECT_ROOT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Usage: blueprint <command>/);
  });

  test('mistakes exit 2 with one clear sentence on stderr', () => {
    usage(['check'], 'blueprint: unknown command "check".');
    usage(['lnt'], 'blueprint: unknown command "lnt"; did you mean "lint"?');
    usage(['lint', '--formt', 'json'], 'blueprint: unknown option "--formt"; did you mean "--format"?');
    usage(['lint', '--format', 'xml'], 'blueprint: unknown format "xml" (use text, json or sarif).');
    usage(['lint', '--format'], 'blueprint: option --format needs a value.');
    usage(['lint', '--profile', 'strict'], 'blueprint: unknown profile "strict" (use baseline, restricted or drupal-aks).');
    usage(['lint', '--rule', 'k8s/run-as-nonroot=off'], 'blueprint: unknown rule "k8s/run-as-nonroot"; did you mean "k8s/run-as-non-root"?');
    usage(['lint', '--rule', 'k8s/run-as-non-root=loud'], 'blueprint: --rule expects <id>=<off|hint|info|warning|error>, got "k8s/run-as-non-root=loud".');
    usage(['lint', '--max-warnings', 'many'], 'blueprint: --max-warnings expects a whole number of 0 or more, got "many".');
    usage(['lint', '--fix=yes'], 'blueprint: option --fix takes no value.');
    usage(['lint', 'no/such/folder'], 'blueprint: no such file or folder: no/such/folder');
  });
});

test('the CLI bundle does not contain the language server library', () => {
  const bundle = readFileSync(cliBundle(), 'utf8');
  assert.ok(!bundle.includes('node_modules/vscode-languageserver'), 'dist/server/cli.js bundles vscode-languageserver');
});

describe('hostile input', () => {
  const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n') + '\n';
  const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: [unclosed\n  other: value\n';
  const HELM = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\nspec:\n{{ toYaml .Values.spec | indent 2 }}\n';

  test('binary, alias bomb, malformed, Helm template, huge and dangling files: noted or reported, the rest still linted', () => {
    const ws = makeWorkspace({
      '.blueprint.yaml': checkedRulesConfig(),
      'x.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a]),
      'bomb.yaml': BOMB,
      'broken.yaml': BROKEN,
      'helm.yaml': HELM,
      'huge.yaml': `# ${'x'.repeat(6 * 1024 * 1024)}\n`,
      'z-deploy.yaml': DEPLOYMENT,
    });
    symlinkSync('nowhere.yaml', join(ws, 'dangling.yaml'));
    const r = runCli(['lint'], ws);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      [
        'blueprint: skipped dangling.yaml: cannot be read',
        'blueprint: skipped helm.yaml: Helm/Go template (not YAML until rendered)',
        'blueprint: skipped huge.yaml: file is 6.0 MB, above the 5 MB limit',
        'blueprint: skipped x.yaml: binary file',
        '',
      ].join('\n'),
    );
    assert.equal(
      r.stdout,
      [
        'bomb.yaml:1:1  error  Too many alias expansions (more than 100): the document is not analysed.  [yaml/syntax]',
        '',
        'broken.yaml:7:3  error  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].  [yaml/syntax]',
        '',
        `z-deploy.yaml:17:11  error  ${RUN_AS_NON_ROOT_MESSAGE}  [k8s/run-as-non-root]`,
        '',
        '3 problems (3 errors, 0 warnings) in 3 of 4 files; 4 skipped.',
        '',
      ].join('\n'),
    );
    assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  });

  test('skipped files are SARIF notifications, not results', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'x.yaml': Buffer.from([0, 1, 2]) });
    const r = runCli(['lint', '-f', 'sarif'], ws);
    assert.equal(r.code, 0);
    const run = JSON.parse(r.stdout).runs[0];
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'note', message: { text: 'Skipped: binary file' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'x.yaml', uriBaseId: '%SRCROOT%' } } }] },
        ],
      },
    ]);
  });
});

describe('the real-world corpus (../shared/corpus)', { skip: !existsSync(CORPUS) && 'no corpus next to the project' }, () => {
  const AKS = '../shared/corpus/drupal-aks-flux';

  /** Every file the walk should pick up, counted without Blueprint's code. */
  function lintableFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      return e.isDirectory() ? lintableFiles(p) : /\.(ya?ml|tf)$/.test(e.name) ? [p] : [];
    });
  }

  interface JsonFinding { file: string; ruleId: string; message: string; object?: string; range: { start: { line: number } } }

  test('drupal-aks-flux: valid JSON, every file read, none of the checked rules fire (every workload runs as non-root)', () => {
    const r = runCli(['lint', '--format', 'json', AKS], PROJECT_ROOT);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /crashed|internal error/);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.files, lintableFiles(join(CORPUS, 'drupal-aks-flux')).length);
    for (const f of report.findings as JsonFinding[]) assert.ok(f.file.startsWith(`${AKS}/`), f.file);
    // The drupal Deployment, CronJob and Job set runAsUser: 82 on the pod, the six
    // Flux controllers runAsNonRoot: true; the YAML is clean; there is no config.
    assert.deepEqual(report.findings.filter((f: JsonFinding) => CHECKED_RULES.includes(f.ruleId)), []);
    console.log(`corpus drupal-aks-flux: ${report.files} files, ${report.findings.length} findings, ${r.ms} ms`);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });

  test('drupal-aks-flux: the SARIF log validates', () => {
    const r = runCli(['lint', '--format', 'sarif', AKS], PROJECT_ROOT);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.deepEqual(sarifValidator()(JSON.parse(r.stdout)), []);
  });

  test('the drupal Deployment without its pod runAsUser: 82 is flagged at its container', () => {
    const original = readFileSync(join(CORPUS, 'drupal-aks-flux', 'apps', 'base', 'drupal', 'deployment.yaml'), 'utf8');
    assert.match(original, /^ {8}runAsUser: 82\n/m);
    const ws = makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'deployment.yaml': original.replace(/^ {8}runAsUser: 82\n/m, '') });
    const r = runCli(['lint', '-f', 'json', 'deployment.yaml'], ws);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).findings, [
      {
        file: 'deployment.yaml',
        ruleId: 'k8s/run-as-non-root',
        severity: 'error',
        message: 'Container "drupal" may run as root: set runAsNonRoot: true or a runAsUser above 0 (container or pod securityContext).',
        range: { start: { line: 46, character: 10 }, end: { line: 46, character: 22 } },
        object: 'Deployment/drupal/drupal',
        fixes: ['Add runAsNonRoot: true to the pod securityContext'],
      },
    ]);
  });

  test('gotk-components.yaml (14,446 lines): all six controllers are found', () => {
    const original = readFileSync(join(CORPUS, 'drupal-aks-flux', 'clusters', 'production', 'flux-system', 'gotk-components.yaml'), 'utf8');
    const ws = makeWorkspace({ '.blueprint.yaml': checkedRulesConfig(), 'gotk-components.yaml': original.replace(/runAsNonRoot: true/g, 'runAsNonRoot: false') });
    const r = runCli(['lint', '-f', 'json'], ws);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.object} ${f.message}`),
      [
        'source-controller',
        'kustomize-controller',
        'helm-controller',
        'notification-controller',
        'image-reflector-controller',
        'image-automation-controller',
      ].map((name) => `k8s/run-as-non-root Deployment/flux-system/${name} Container "manager" sets runAsNonRoot: false.`),
    );
  });

  test('drupal-aws-terraform lints without crashing and reads every .tf file', () => {
    const r = runCli(['lint', '--format', 'json', '../shared/corpus/drupal-aws-terraform'], PROJECT_ROOT);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /crashed|internal error/);
    assert.equal(JSON.parse(r.stdout).files, lintableFiles(join(CORPUS, 'drupal-aws-terraform')).length);
  });

  test('no corpus file is mistaken for a template or skipped', () => {
    const r = runCli(['lint', '--format', 'json', AKS], PROJECT_ROOT);
    assert.equal(r.stderr, '');
  });
});
