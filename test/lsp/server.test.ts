// Protocol tests of the language server: the bundle scripts/build.mjs makes
// (dist/server/main.js, run from a private copy: see buildServer), spoken to
// over stdio, with a temp workspace folder; exact positions, texts and edits.
// Only the stable rules are on (yaml/syntax, meta/*, k8s/run-as-non-root), so
// rules added later do not change these expectations.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { RULES, ruleById } from '../../server/src/core/rules/registry';
import { FIX_ALL_KIND, LINT_WORKSPACE_REQUEST, LintWorkspaceResult, STATUS_NOTIFICATION, StatusParams } from '../../server/src/protocol';
import { applyWorkspaceEdit, buildServer, disposeServerBuild, editsOf, makeWorkspace, serverRoot, TestClient } from './client';

const TIMEOUT = { timeout: 20_000 };
const RUN_AS_NON_ROOT = 'k8s/run-as-non-root';
const STABLE_RULES = new Set(['yaml/syntax', 'yaml/duplicate-key', 'meta/config', 'meta/unused-suppression', RUN_AS_NON_ROOT]);

/**
 * Settings with every rule but the stable ones off, then `rules` overrides;
 * `omit`: rule ids left to the profile and the config file.
 */
function stableSettings(extra: Record<string, unknown> = {}, omit: string[] = [], rules: Record<string, string> = {}): Record<string, unknown> {
  const base = Object.fromEntries(RULES.filter((r) => !omit.includes(r.id)).map((r) => [r.id, STABLE_RULES.has(r.id) ? r.severity : 'off']));
  return { ...extra, rules: { ...base, ...rules } };
}

/** The rule's doc page next to the server bundle: <root>/dist/server/main.js -> <root>/docs/rules/<id>.md. */
function docHref(ruleId: string): string {
  return pathToFileURL(join(serverRoot(), 'docs', 'rules', ...ruleId.split('/')) + '.md').href;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

const DEPLOYMENT_FIXED = `${DEPLOYMENT}      securityContext:
        runAsNonRoot: true
`;

const NGINX_MESSAGE = 'Container "nginx" may run as root: set runAsNonRoot: true or a runAsUser above 0 (container or pod securityContext).';

/** The diagnostic for DEPLOYMENT's nginx container, at `line` (the `name: nginx` entry). */
function nginxDiagnostic(line: number, object = 'Deployment/shop/web'): Diagnostic {
  return {
    range: { start: { line, character: 10 }, end: { line, character: 21 } },
    severity: 1,
    code: RUN_AS_NON_ROOT,
    codeDescription: { href: docHref(RUN_AS_NON_ROOT) },
    source: 'blueprint',
    message: NGINX_MESSAGE,
    data: { ruleId: RUN_AS_NON_ROOT, fixes: ['Add runAsNonRoot: true to the pod securityContext'], object },
  };
}

const HELM_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
spec:
  template:
    spec:
      containers:
        {{- range .Values.containers }}
        - name: {{ .name }}
        {{- end }}
`;

const MALFORMED = 'apiVersion: v1\nkind: ConfigMap\ndata: [1\nb: 2\n';

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

describe('diagnostics', () => {
  const ws = makeWorkspace({
    'apps/on-disk.yaml': DEPLOYMENT,
    'apps/broken.yaml': MALFORMED,
    'charts/web/templates/deployment.yaml': HELM_TEMPLATE,
    'node_modules/pkg/deploy.yaml': DEPLOYMENT,
    'ignored/deploy.yaml': DEPLOYMENT,
    'apps/binary.yaml': 'kind: \u0000\u0001\u0002 binary',
  });
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ root: ws.root, settings: stableSettings({ ignore: ['ignored/**'] }) });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  test('an opened Deployment without runAsNonRoot gets one exact diagnostic, at the document version', TIMEOUT, async () => {
    const uri = ws.uri('apps/web.yaml');
    await client.open(uri, DEPLOYMENT, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    assert.deepEqual(ds, [nginxDiagnostic(13)]);
  });

  test('a didChange that fixes it clears the diagnostic; quick successive versions publish only the last', TIMEOUT, async () => {
    const uri = ws.uri('apps/web.yaml');
    await client.waitForDiagnostics(uri, (d) => d.length === 1);
    await client.change(uri, DEPLOYMENT_FIXED, 2);
    await client.change(uri, DEPLOYMENT_FIXED + '# edited\n', 3);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 3), []);
    const versions = client.notifications
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)
      .map((n) => (n.params as { version?: number }).version);
    assert.deepEqual(versions, [1, 3], 'version 2 was superseded before its debounce ran');
    // Breaking it again brings the diagnostic back, one line lower (a comment above).
    await client.change(uri, '# web\n' + DEPLOYMENT, 4);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 1, 4), [nginxDiagnostic(14)]);
  });

  test('a file on disk that was never opened gets diagnostics from the workspace scan', TIMEOUT, async () => {
    const uri = ws.uri('apps/on-disk.yaml');
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(ds, [nginxDiagnostic(13)]);
    assert.equal(client.diagnostics.get(uri)!.version, undefined);
  });

  test('malformed YAML gives yaml/syntax, and other files keep their diagnostics', TIMEOUT, async () => {
    const ds = await client.waitForDiagnostics(ws.uri('apps/broken.yaml'), (d) => d.length > 0);
    assert.deepEqual(ds, [
      {
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } },
        severity: 1,
        code: 'yaml/syntax',
        codeDescription: { href: docHref('yaml/syntax') },
        source: 'blueprint',
        message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].',
        data: { ruleId: 'yaml/syntax', fixes: [] },
      },
    ]);
    const other = ws.uri('apps/other.yaml');
    await client.open(other, DEPLOYMENT.replace('name: web', 'name: api'), 1);
    assert.deepEqual(await client.waitForDiagnostics(other, (d) => d.length > 0, 1), [nginxDiagnostic(13, 'Deployment/shop/api')]);
  });

  test('LINT_WORKSPACE_REQUEST re-lints everything and answers the counts; status follows', TIMEOUT, async () => {
    const result = await client.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    // Files: on-disk, broken, binary, the Helm template, and the open web.yaml and other.yaml;
    // errors: run-as-non-root in on-disk, web and other, yaml/syntax in broken.
    assert.deepEqual(result, { files: 6, errors: 4, warnings: 0, infos: 0 });
    const statuses = client.notifications.filter((n) => n.method === STATUS_NOTIFICATION).map((n) => n.params as StatusParams);
    assert.deepEqual(statuses[statuses.length - 1], { ...result, scanning: false });
    assert.equal(statuses[0].scanning, true, 'the first status is sent while the first scan runs');
  });

  test('Helm templates, binary files and ignored folders get no diagnostics', TIMEOUT, async () => {
    const template = ws.uri('charts/web/templates/deployment.yaml');
    await client.open(template, HELM_TEMPLATE, 1);
    await client.request(LINT_WORKSPACE_REQUEST, null);
    for (const rel of ['charts/web/templates/deployment.yaml', 'apps/binary.yaml', 'node_modules/pkg/deploy.yaml', 'ignored/deploy.yaml']) {
      assert.deepEqual(client.diagnostics.get(ws.uri(rel))?.diagnostics ?? [], [], rel);
    }
    await client.close(template);
  });

  test('an untitled YAML buffer is linted too', TIMEOUT, async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, DEPLOYMENT, 1);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length > 0, 1), [nginxDiagnostic(13)]);
    await client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0), []);
  });

  test('files created, changed and deleted on disk while closed are re-read or dropped', TIMEOUT, async () => {
    const rel = 'apps/new.yaml';
    const uri = ws.uri(rel);
    ws.write(rel, DEPLOYMENT);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length > 0), [nginxDiagnostic(13)]);
    ws.write(rel, '# moved down\n' + DEPLOYMENT);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length > 0 && d[0].range.start.line === 14), [nginxDiagnostic(14)]);
    rmSync(join(ws.root, rel));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0), []);
  });

  test('closing an edited document goes back to the file on disk', TIMEOUT, async () => {
    const uri = ws.uri('apps/on-disk.yaml');
    await client.open(uri, DEPLOYMENT_FIXED, 1);
    await client.waitForDiagnostics(uri, (d) => d.length === 0, 1);
    await client.close(uri);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(ds, [nginxDiagnostic(13)]);
    assert.equal(client.diagnostics.get(uri)!.version, undefined);
  });
});

describe('code actions', () => {
  const ws = makeWorkspace({});
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ root: ws.root, settings: stableSettings() });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  async function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  test('the quick fix of a finding, applied, gives the expected text exactly', TIMEOUT, async () => {
    const uri = ws.uri('fix.yaml');
    await client.open(uri, DEPLOYMENT, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    const actions = await actionsFor(uri, ds);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Add runAsNonRoot: true to the pod securityContext', 'quickfix', true],
        ['Fix all Blueprint problems in this file', 'quickfix', false],
        [`Disable ${RUN_AS_NON_ROOT} for this line`, 'quickfix', false],
        [`Disable ${RUN_AS_NON_ROOT} for the entire document`, 'quickfix', false],
      ],
    );
    const fix = actions[0];
    assert.deepEqual(fix.diagnostics, ds);
    assert.deepEqual(fix.edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 1 },
          edits: [{ range: { start: { line: 14, character: 27 }, end: { line: 14, character: 27 } }, newText: '\n      securityContext:\n        runAsNonRoot: true' }],
        },
      ],
    });
    assert.equal(applyWorkspaceEdit(DEPLOYMENT, fix.edit, uri), DEPLOYMENT_FIXED);
  });

  test('"disable for this line" inserts the directive above the line at its indentation; the finding goes, nothing is unused', TIMEOUT, async () => {
    const uri = ws.uri('disable-line.yaml');
    await client.open(uri, DEPLOYMENT, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    const action = (await actionsFor(uri, ds)).find((a) => a.title === `Disable ${RUN_AS_NON_ROOT} for this line`)!;
    assert.deepEqual(editsOf(action.edit, uri), [
      { range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, newText: `        # blueprint-disable-next-line ${RUN_AS_NON_ROOT}\n` },
    ]);
    const disabled = applyWorkspaceEdit(DEPLOYMENT, action.edit, uri);
    assert.equal(disabled, DEPLOYMENT.replace('        - name: nginx', `        # blueprint-disable-next-line ${RUN_AS_NON_ROOT}\n        - name: nginx`));
    await client.change(uri, disabled, 2);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 2), []);
  });

  test('"disable for this line" appends the rule to a directive already above the line', TIMEOUT, async () => {
    const uri = ws.uri('disable-append.yaml');
    const text = DEPLOYMENT.replace('        - name: nginx', '        # blueprint-disable-next-line yaml/duplicate-key -- generated\n        - name: nginx');
    await client.open(uri, text, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === RUN_AS_NON_ROOT), 1);
    // The existing directive suppresses nothing yet, so it is reported as unused (a hint, tagged Unnecessary).
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.tags, d.message]),
      [
        ['meta/unused-suppression', 13, 8, 69, 4, [1], 'Unused suppression: "yaml/duplicate-key" reported nothing here.'],
        [RUN_AS_NON_ROOT, 14, 10, 21, 1, undefined, NGINX_MESSAGE],
      ],
    );
    const finding = ds.filter((d) => d.code === RUN_AS_NON_ROOT);
    const action = (await actionsFor(uri, finding)).find((a) => a.title === `Disable ${RUN_AS_NON_ROOT} for this line`)!;
    assert.deepEqual(editsOf(action.edit, uri), [
      { range: { start: { line: 13, character: 56 }, end: { line: 13, character: 56 } }, newText: `, ${RUN_AS_NON_ROOT}` },
    ]);
    assert.equal(
      applyWorkspaceEdit(text, action.edit, uri),
      DEPLOYMENT.replace('        - name: nginx', `        # blueprint-disable-next-line yaml/duplicate-key, ${RUN_AS_NON_ROOT} -- generated\n        - name: nginx`),
    );
  });

  const MULTI = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
${DEPLOYMENT}`;

  test('"disable for the entire document" adds the directive after the document\'s ---', TIMEOUT, async () => {
    const uri = ws.uri('disable-doc.yaml');
    await client.open(uri, MULTI, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    assert.deepEqual(ds, [nginxDiagnostic(18)]);
    const action = (await actionsFor(uri, ds)).find((a) => a.title === `Disable ${RUN_AS_NON_ROOT} for the entire document`)!;
    assert.deepEqual(editsOf(action.edit, uri), [
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: `# blueprint-disable ${RUN_AS_NON_ROOT}\n` },
    ]);
    const disabled = applyWorkspaceEdit(MULTI, action.edit, uri);
    assert.equal(disabled, MULTI.replace('---\n', `---\n# blueprint-disable ${RUN_AS_NON_ROOT}\n`));
    await client.change(uri, disabled, 2);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, 2), []);
  });

  const TWO_DEPLOYMENTS = `${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: web', 'name: api')}`;
  const TWO_FIXED = `${DEPLOYMENT_FIXED}---\n${DEPLOYMENT_FIXED.replace('name: web', 'name: api')}`;

  test('fix all in this file and source.fixAll.blueprint fix every document, and only when asked', TIMEOUT, async () => {
    const uri = ws.uri('fix-all.yaml');
    await client.open(uri, TWO_DEPLOYMENTS, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length === 2, 1);
    const quick = await actionsFor(uri, [ds[0]]);
    assert.equal(quick.some((a) => a.kind === FIX_ALL_KIND), false, 'source actions stay out of the lightbulb');
    const fixAll = quick.find((a) => a.title === 'Fix all Blueprint problems in this file')!;
    assert.equal(applyWorkspaceEdit(TWO_DEPLOYMENTS, fixAll.edit, uri), TWO_FIXED);
    // One minimal edit: from the first insertion to the last, nothing before or after.
    assert.deepEqual(editsOf(fixAll.edit, uri).map((e) => e.range), [{ start: { line: 15, character: 0 }, end: { line: 30, character: 27 } }]);

    for (const only of [['source.fixAll'], [FIX_ALL_KIND], ['source']]) {
      const onSave = await actionsFor(uri, [], only);
      assert.deepEqual(onSave.map((a) => [a.title, a.kind]), [['Fix all Blueprint problems', FIX_ALL_KIND]], String(only));
      assert.equal(applyWorkspaceEdit(TWO_DEPLOYMENTS, onSave[0].edit, uri), TWO_FIXED);
    }
    // Nothing to fix: no source action at all.
    await client.change(uri, TWO_FIXED, 2);
    await client.waitForDiagnostics(uri, (d) => d.length === 0, 2);
    assert.deepEqual(await actionsFor(uri, [], ['source.fixAll']), []);
  });

  test('hover on a finding shows its rule documentation; elsewhere nothing', TIMEOUT, async () => {
    const uri = ws.uri('hover.yaml');
    await client.open(uri, DEPLOYMENT, 1);
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 15 } });
    const rule = ruleById(RUN_AS_NON_ROOT)!;
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value: [
          `**${RUN_AS_NON_ROOT}** · error · security`,
          rule.docs,
          rule.details,
          `Disable with \`# blueprint-disable-next-line ${RUN_AS_NON_ROOT}\``,
          `[Rule documentation](${docHref(RUN_AS_NON_ROOT)})`,
        ].join('\n\n'),
      },
      range: { start: { line: 13, character: 10 }, end: { line: 13, character: 21 } },
    });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }), null);
  });

  test('document symbols: one per YAML document, Kind name, namespace, selecting metadata.name', TIMEOUT, async () => {
    const uri = ws.uri('symbols.yaml');
    const text = `${MULTI}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: { app: web }\n`;
    await client.open(uri, text, 1);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
    assert.deepEqual(symbols, [
      { name: 'Namespace shop', detail: '', kind: 3, range: r(0, 0, 3, 12), selectionRange: r(3, 8, 3, 12) },
      { name: 'Deployment web', detail: 'shop', kind: 5, range: r(4, 0, 19, 27), selectionRange: r(8, 8, 8, 11) },
      { name: 'Service web', detail: 'shop', kind: 11, range: r(20, 0, 27, 24), selectionRange: r(24, 8, 24, 11) },
    ]);
  });
});

describe('code actions resolved lazily, plain `changes` edits', () => {
  const ws = makeWorkspace({});
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      root: ws.root,
      settings: stableSettings(),
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: false } },
        textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } },
      },
    });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  test('fix all comes without an edit and codeAction/resolve fills it in', TIMEOUT, async () => {
    const uri = ws.uri('lazy.yaml');
    await client.open(uri, DEPLOYMENT, 1);
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: ds } });
    const fixAll = actions.find((a) => a.title === 'Fix all Blueprint problems in this file')!;
    assert.equal(fixAll.edit, undefined);
    const resolved = await client.request<CodeAction>('codeAction/resolve', fixAll);
    assert.deepEqual(resolved.edit, {
      changes: { [uri]: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 0 } }, newText: '      securityContext:\n        runAsNonRoot: true\n' }] },
    });
    // The quick fix itself is eager, as a plain `changes` edit.
    assert.equal(applyWorkspaceEdit(DEPLOYMENT, actions[0].edit, uri), DEPLOYMENT_FIXED);
  });
});

describe('configuration', () => {
  const ws = makeWorkspace({ '.blueprint.yaml': 'profile: strict\n', 'apps/web.yaml': DEPLOYMENT });
  const configUri = ws.uri('.blueprint.yaml');
  const webUri = ws.uri('apps/web.yaml');
  let client: TestClient;
  before(async () => {
    // run-as-non-root is left to the profile and the config file here.
    client = await TestClient.start({ root: ws.root, settings: stableSettings({}, [RUN_AS_NON_ROOT]) });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  function configDiagnostic(line: number, start: number, end: number, message: string): Diagnostic {
    return {
      range: { start: { line, character: start }, end: { line, character: end } },
      severity: 1,
      code: 'meta/config',
      codeDescription: { href: docHref('meta/config') },
      source: 'blueprint',
      message,
      data: { ruleId: 'meta/config', fixes: [] },
    };
  }

  async function rewriteConfig(text: string): Promise<void> {
    ws.write('.blueprint.yaml', text);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  }

  test('the client is asked to watch .blueprint.yaml and manifests', TIMEOUT, async () => {
    await client.waitFor('registerCapability', () => (client.serverRequests.includes('client/registerCapability') ? true : undefined));
  });

  test('a broken .blueprint.yaml gives meta/config on that file, and the other files still lint', TIMEOUT, async () => {
    assert.deepEqual(await client.waitForDiagnostics(configUri, (d) => d.length > 0), [
      configDiagnostic(0, 9, 15, 'profile must be one of: baseline, restricted, drupal-aks.'),
    ]);
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length > 0), [nginxDiagnostic(13)]);
  });

  test('a change of .blueprint.yaml on disk is picked up (rules: [a] is not a mapping)', TIMEOUT, async () => {
    await rewriteConfig('rules: [a]\n');
    assert.deepEqual(await client.waitForDiagnostics(configUri, (d) => d.length > 0 && String(d[0].message).startsWith('rules')), [
      configDiagnostic(0, 7, 10, 'rules must be a mapping.'),
    ]);
    assert.deepEqual(client.diagnostics.get(webUri)?.diagnostics, [nginxDiagnostic(13)]);
  });

  test('.blueprint.yaml turning the rule off removes the diagnostic everywhere', TIMEOUT, async () => {
    await rewriteConfig(`rules:\n  ${RUN_AS_NON_ROOT}: off\n`);
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length === 0), []);
    assert.deepEqual(await client.waitForDiagnostics(configUri, (d) => d.length === 0), []);
    await rewriteConfig('profile: baseline\n');
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length > 0), [nginxDiagnostic(13)]);
  });

  test('settings (workspace/configuration + didChangeConfiguration) override the config file', TIMEOUT, async () => {
    await client.setSettings(stableSettings({}, [], { [RUN_AS_NON_ROOT]: 'off' }));
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length === 0), []);
    await client.setSettings(stableSettings({}, [], { [RUN_AS_NON_ROOT]: 'warning' }));
    const ds = await client.waitForDiagnostics(webUri, (d) => d.length > 0);
    assert.deepEqual(ds, [{ ...nginxDiagnostic(13), severity: 2 }]);
  });

  test('blueprint.enable: false clears every diagnostic; true brings them back', TIMEOUT, async () => {
    await client.setSettings(stableSettings({ enable: false }, [RUN_AS_NON_ROOT]));
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length === 0), []);
    const counts = await client.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    assert.deepEqual(counts, { files: 0, errors: 0, warnings: 0, infos: 0 });
    await client.setSettings(stableSettings({}, [RUN_AS_NON_ROOT]));
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length > 0), [nginxDiagnostic(13)]);
  });

  test('blueprint.lintWorkspace: false drops files on disk but still lints open documents', TIMEOUT, async () => {
    const openUri = ws.uri('apps/open.yaml');
    await client.open(openUri, DEPLOYMENT, 1);
    await client.waitForDiagnostics(openUri, (d) => d.length > 0, 1);
    await client.setSettings(stableSettings({ lintWorkspace: false }, [RUN_AS_NON_ROOT]));
    assert.deepEqual(await client.waitForDiagnostics(webUri, (d) => d.length === 0), []);
    assert.deepEqual(client.diagnostics.get(openUri)?.diagnostics, [nginxDiagnostic(13)]);
    const counts = await client.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    assert.deepEqual(counts, { files: 2, errors: 1, warnings: 0, infos: 0 }, 'the open file and .blueprint.yaml');
  });
});
