/// <reference types="mocha" />
// Blueprint in a real VS Code extension host, through the `vscode` API only:
// the diagnostics of a fixture workspace (test/e2e/workspace), a quick fix,
// the topology preview, and the Drupal AKS generator when it is there.
// Runs inside code-server (test/e2e/run.mjs) or VS Code desktop
// (test/e2e/electron.mjs); the extension under test is the packaged .vsix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'blueprint-dev.blueprint-k8s';
const SOURCE = 'blueprint';
const GENERATE_COMMAND = 'blueprint.generateDrupalAks';

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

function blueprintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

const describeRange = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const listing = (ds: vscode.Diagnostic[]) => ds.map((d) => `${codeOf(d)} ${describeRange(d.range)} ${d.message}`).join('\n');

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the fixture workspace is open');
  return f.uri;
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Waits until the diagnostics of `uri` contain every rule id of `codes`. */
async function diagnosticsWith(uri: vscode.Uri, codes: string[], ms = 60_000): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(`diagnostics ${codes.join(', ')}`, () => {
      const ds = blueprintDiagnostics(uri);
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) && ds;
    }, ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}; ${uri.path} has:\n${listing(blueprintDiagnostics(uri)) || '(no Blueprint diagnostics)'}`);
  }
}

describe('Blueprint in the VS Code extension host', function () {
  this.timeout(120_000);
  const deployment = 'apps/web/deployment.yaml';

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    console.log(`extension host: node ${process.versions.node}, VS Code ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, extension ${ext.packageJSON.version} at ${ext.extensionPath}`);
  });

  afterEach(async () => {
    // Leave the fixture as it was for the next test: revert unsaved edits.
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('activates on a YAML file and publishes diagnostics with rule ids and ranges', async () => {
    const doc = await open(deployment);
    assert.equal(doc.languageId, 'yaml');
    const ds = await diagnosticsWith(doc.uri, ['k8s/run-as-non-root', 'k8s/image-tag']);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, 'the extension is active');

    const nonRoot = ds.find((d) => codeOf(d) === 'k8s/run-as-non-root')!;
    // `securityContext:` of container "web" (line 18 in the editor)
    assert.equal(describeRange(nonRoot.range), '17:10-17:25', listing(ds));
    assert.equal(nonRoot.severity, vscode.DiagnosticSeverity.Error);
    assert.match(nonRoot.message, /Container "web" may run as root/);

    const tag = ds.find((d) => codeOf(d) === 'k8s/image-tag')!;
    assert.equal(describeRange(tag.range), '16:17-16:29', 'the image value nginx:latest');
    assert.equal(doc.getText(tag.range), 'nginx:latest');
    assert.equal(tag.severity, vscode.DiagnosticSeverity.Warning);
    const target = typeof tag.code === 'object' ? tag.code.target : undefined;
    assert.ok(target?.path.endsWith('docs/rules/k8s/image-tag.md'), `the code links to the rule page, got ${target}`);

    // The Service (its own file) has no findings; the quiet one stays quiet.
    const service = await open('apps/web/service.yaml');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(blueprintDiagnostics(service.uri).map(codeOf), []);
  });

  it('lints files that are not open (workspace scan)', async () => {
    // lintWorkspace is on by default: the second Deployment reports without being opened.
    const other = vscode.Uri.joinPath(folder(), 'apps/worker/deployment.yaml');
    await diagnosticsWith(other, ['k8s/run-as-non-root']);
  });

  it('applies a quick fix through the code action provider and the finding goes away', async () => {
    const doc = await open(deployment);
    const ds = await diagnosticsWith(doc.uri, ['k8s/run-as-non-root']);
    const diag = ds.find((d) => codeOf(d) === 'k8s/run-as-non-root')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Add runAsNonRoot: true to the pod securityContext');
    assert.ok(fix?.edit, `the quick fix is offered; got:\n${titles.join('\n')}`);
    assert.ok(fix.isPreferred, 'the rule fix is the preferred action');
    assert.ok(titles.includes('Disable k8s/run-as-non-root for this line'), 'a suppression is offered too');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /\n {6}securityContext:\n {8}runAsNonRoot: true\n/, 'a pod securityContext with runAsNonRoot: true');
    assert.match(doc.getText(), /\n {10}securityContext:\n {12}allowPrivilegeEscalation: false\n/, 'the container securityContext is untouched');
    await waitFor('k8s/run-as-non-root to go away', () => !blueprintDiagnostics(doc.uri).some((d) => codeOf(d) === 'k8s/run-as-non-root'));
    assert.ok(blueprintDiagnostics(doc.uri).some((d) => codeOf(d) === 'k8s/image-tag'), 'the other findings stay');
  });

  it('fixes every safe problem of the file with "Fix All Problems in This File"', async () => {
    const doc = await open(deployment);
    await diagnosticsWith(doc.uri, ['k8s/memory-limit', 'k8s/resource-requests']);
    await vscode.commands.executeCommand('blueprint.fixAllInFile');
    await waitFor('the fix-all edit', () => /memory: 512Mi/.test(doc.getText()) || undefined);
    assert.match(doc.getText(), /\n {10}resources:\n {12}limits:\n {14}memory: 512Mi\n {12}requests:\n {14}cpu: 100m\n {14}memory: \d+Mi\n/);
    await waitFor('memory-limit and resource-requests to go away', () =>
      !blueprintDiagnostics(doc.uri).some((d) => ['k8s/memory-limit', 'k8s/resource-requests'].includes(codeOf(d) ?? '')));
  });

  it('opens the topology preview in a webview panel', async () => {
    await open(deployment);
    await vscode.commands.executeCommand('blueprint.openTopology');
    const tab = await waitFor('the topology webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /blueprint\.topology/.test(t.input.viewType)));
    assert.equal(tab.label, 'Blueprint Topology');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('generates the Drupal AKS stack from the command with its inputs', async function () {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(GENERATE_COMMAND)) {
      console.log(`PENDING: ${GENERATE_COMMAND} is not registered by this build of the extension yet`);
      this.skip();
    }
    // The arguments form: no quick input, no dialogs; the outcome says what was written.
    const outcome = await vscode.commands.executeCommand<{ folder?: string; written: string[]; stopped?: { reason: string; detail: string[] } }>(
      GENERATE_COMMAND,
      {
        out: 'generated-e2e',
        domain: 'shop.example.com',
        acr: 'shopacr',
        storageAccount: 'shopfiles',
        keyVault: 'shop-kv',
        postgresHost: 'shop-pg.postgres.database.azure.com',
        redisHost: 'shop-redis.redis.cache.windows.net',
        gitUrl: 'ssh://git@github.com/example/shop-gitops',
        openPreview: false,
      },
    );
    assert.ok(outcome, 'the command returns its outcome');
    assert.equal(outcome.stopped, undefined, `the generator stopped: ${JSON.stringify(outcome.stopped)}`);
    const out = vscode.Uri.joinPath(folder(), 'generated-e2e');
    const files = outcome.written.map((rel) => vscode.Uri.joinPath(out, ...rel.split('/')));
    for (const f of files) assert.equal((await vscode.workspace.fs.stat(f)).type, vscode.FileType.File, `${f.path} is on disk`);
    const yaml = files.filter((f) => /\.ya?ml$/.test(f.path));
    assert.ok(yaml.length >= 3, `the stack has manifests; got ${outcome.written.join(', ')}`);
    const texts = await Promise.all(yaml.map(async (f) => Buffer.from(await vscode.workspace.fs.readFile(f)).toString('utf8')));
    assert.ok(texts.some((t) => t.includes('shop.example.com')), 'the domain is used');
    assert.ok(texts.some((t) => /kind:\s*Deployment/.test(t)), 'a Deployment is generated');
    // What Blueprint generates passes Blueprint: no errors on the generated manifests.
    const deploymentFile = yaml[texts.findIndex((t) => /kind:\s*Deployment/.test(t))];
    await open(vscode.workspace.asRelativePath(deploymentFile, false));
    await new Promise((r) => setTimeout(r, 2000));
    const errors = blueprintDiagnostics(deploymentFile).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${codeOf(d)} ${d.message}`), []);
  });

  it('"Generate Stack…" takes a stack id, and refuses an unknown one without writing', async function () {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('blueprint.generateStack')) {
      console.log('PENDING: blueprint.generateStack is not registered by this build of the extension yet');
      this.skip();
    }
    type Outcome = { stack?: string; written: string[]; stopped?: { reason: string; detail: string[] } };
    const unknown = await vscode.commands.executeCommand<Outcome>('blueprint.generateStack', { stack: 'no-such-stack', out: 'never-written' });
    assert.equal(unknown.stopped?.reason, 'invalid');
    assert.match(unknown.stopped?.detail[0] ?? '', /Unknown stack "no-such-stack" \(stacks: drupal-aks/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder(), 'never-written'))));
    // The generated stack already exists (previous test): without overwrite, nothing is written.
    const again = await vscode.commands.executeCommand<Outcome>('blueprint.generateStack', {
      stack: 'drupal-aks',
      out: 'generated-e2e',
      domain: 'shop.example.com',
      acr: 'shopacr',
      storageAccount: 'shopfiles',
      keyVault: 'shop-kv',
      postgresHost: 'shop-pg.postgres.database.azure.com',
      redisHost: 'shop-redis.redis.cache.windows.net',
      gitUrl: 'ssh://git@github.com/example/shop-gitops',
      openPreview: false,
    });
    assert.equal(again.stack, 'drupal-aks');
    assert.equal(again.stopped?.reason, 'exists');
    assert.deepEqual(again.written, []);
  });
});
