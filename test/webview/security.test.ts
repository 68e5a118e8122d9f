// Webview security without a browser (issue 10): the panel page's CSP (nonce,
// no remote loads, nothing inline without the nonce), the panel's resource roots,
// and XSS payloads in every string field the diagram shows, rendered to SVG by
// the same code the webview uses (client/webview/render.ts). The Chromium test
// (render.test.ts) checks that the payload in a name runs no script in a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { contentSecurityPolicy, panelHtml } from '../../client/src/topology/html';
import { layoutGraph } from '../../client/webview/layout';
import { nodeTitle, renderSvg } from '../../client/webview/render';
import { validateReveal } from '../../client/src/topology/reveal';
import type { TopologyGraph } from '../../server/src/core/topology/types';

const ROOT = join(__dirname, '..', '..');
const PAYLOADS = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>', "' onmouseover='alert(3)", '</text><foreignObject><iframe src="javascript:alert(4)"></iframe></foreignObject>', '&lt;b&gt;&amp;', '${alert(5)}'];

/** No markup or attribute of the payloads survives: only their escaped text. */
function assertInert(markup: string, where: string, allowed: readonly string[] = []): void {
  // Every real tag starts with `<` (text has &lt;); inside a tag, attribute values are
  // double-quoted and escaped, so what is left outside the quotes is names only.
  for (const tag of markup.match(/<[^>]*>/g) ?? []) {
    if (allowed.includes(tag)) continue;
    assert.doesNotMatch(tag, /^<\/?(img|script|iframe|foreignObject|object|embed)\b/i, `${where}: ${tag}`);
    const outsideValues = tag.slice(1, -1).replace(/="[^"]*"/g, '=V');
    assert.doesNotMatch(outsideValues, /["'<>]|\son\w+\s*=/i, `${where}: ${tag}`);
    for (const [, name, value] of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      assert.doesNotMatch(value, /[<>']/, `${where}: ${tag}`);
      if (/^(src|href|xlink:href|action)$/i.test(name)) assert.doesNotMatch(value, /^\s*javascript:/i, `${where}: ${tag}`);
    }
  }
}

function hostileGraph(p: string, view: TopologyGraph['view'] = 'network'): TopologyGraph {
  return {
    view,
    namespaces: [p],
    nodes: [
      {
        id: `Deployment/${p}/${p}`,
        kind: p,
        name: p,
        namespace: p,
        category: p as never,
        file: `file:///ws/${p}.yaml`,
        line: 3,
        findings: { error: 1 },
        worst: p as never,
        messages: [{ severity: 'error', ruleId: p, message: p }],
        detail: p,
      },
      { id: `Service/${p}/svc`, kind: 'Service', name: 'svc', namespace: p, category: 'service', findings: {}, missing: true },
    ],
    edges: [{ from: `Service/${p}/svc`, to: `Deployment/${p}/${p}`, type: p as never, label: p, port: p, note: p, tls: true }],
    empty: undefined,
  };
}

test('XSS payloads in every field of a node, an edge and a group render as text in the SVG', async () => {
  for (const p of PAYLOADS) {
    for (const view of ['network', 'infrastructure'] as const) {
      const laid = await layoutGraph(hostileGraph(p, view), new ELK());
      const svg = renderSvg(laid, { viewport: true, selected: `Deployment/${p}/${p}` });
      assertInert(svg, `${view}: ${p}`);
      const standalone = renderSvg(laid, { standalone: true });
      assertInert(standalone, `standalone ${view}: ${p}`);
    }
    const empty = renderSvg(await layoutGraph({ view: 'gitops', namespaces: [], nodes: [], edges: [], empty: p }, new ELK()));
    assertInert(empty, `empty: ${p}`);
  }
});

test('the hover text of a node is plain text (the webview sets it as textContent)', () => {
  const g = hostileGraph(PAYLOADS[0]);
  const title = nodeTitle(g.nodes[0], PAYLOADS[1]);
  assert.ok(title.includes(PAYLOADS[0]) && title.includes(PAYLOADS[1]), 'the hover keeps the text as it is');
  const main = readFileSync(join(ROOT, 'client', 'webview', 'main.ts'), 'utf8');
  // The only markup sink is the SVG from renderSvg (escaped); everything else is textContent.
  assert.deepEqual(main.match(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/g), ['.innerHTML =']);
  assert.match(main, /canvas\.innerHTML = svg\.replace/);
});

test('the panel page: strict CSP with a nonce, one script with that nonce, no remote load, state and title escaped', () => {
  const nonce = 'bm9uY2Utbm9uY2Utbm9uY2U=';
  const html = panelHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/topology.js', state: { view: 'network', hidden: { network: [PAYLOADS[1]] }, transforms: {}, selected: PAYLOADS[0] }, title: PAYLOADS[1] });
  const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}'(;|$)`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
  assert.match(csp, /connect-src 'none'/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${nonce}"`));
  assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script body');
  assert.doesNotMatch(html, /\s(src|href)="http:/);
  assertInert(html, 'panel html', [scripts[0], '</script>']);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 1, 'the state cannot close the script or open another');
});

test('the panel loads resources from the extension\'s dist/webview only', () => {
  const panel = readFileSync(join(ROOT, 'client', 'src', 'topology', 'panel.ts'), 'utf8');
  const roots = panel.match(/localResourceRoots:\s*\[([^\]]*)\]/g) ?? [];
  assert.ok(roots.length >= 1, 'localResourceRoots is set');
  for (const r of roots) assert.match(r, /^localResourceRoots:\s*\[vscode\.Uri\.joinPath\(this\.context\.extensionUri, 'dist', 'webview'\)\]$/);
  assert.doesNotMatch(panel, /enableCommandUris:\s*true/);
});

test('a reveal message opens only files under a workspace folder (or an open document)', () => {
  const folders = ['file:///home/me/repo', 'file:///c%3A/work/infra/'];
  const ok = (file: unknown, span?: unknown) => validateReveal({ type: 'reveal', file, span }, folders, ['untitled:Untitled-1']);
  assert.deepEqual(ok('file:///home/me/repo/apps/web.yaml', { start: 3, end: 10 }), { file: 'file:///home/me/repo/apps/web.yaml', span: { start: 3, end: 10 } });
  assert.deepEqual(ok('file:///c%3A/work/infra/main.tf'), { file: 'file:///c%3A/work/infra/main.tf' });
  assert.deepEqual(ok('file:///c:/work/infra/main.tf'), { file: 'file:///c:/work/infra/main.tf' });
  assert.deepEqual(ok('file:///C:/work/infra/main.tf'), { file: 'file:///C:/work/infra/main.tf' });
  assert.deepEqual(ok('untitled:Untitled-1'), { file: 'untitled:Untitled-1' });
  // A bad span is dropped, the file still opens at its start.
  assert.deepEqual(ok('file:///home/me/repo/a.yaml', { start: -1, end: 'x' }), { file: 'file:///home/me/repo/a.yaml' });
  assert.deepEqual(ok('file:///home/me/repo/a.yaml', { start: 9, end: 2 }), { file: 'file:///home/me/repo/a.yaml' });
  for (const bad of [
    'file:///etc/passwd',
    'file:///home/me/repo/../../../etc/passwd',
    'file:///home/me/repo/%2e%2e/%2e%2e/etc/passwd',
    'file:///home/me/repo/..%2f..%2fetc/passwd',
    'file:///home/me/repo/a%00.yaml',
    'file:///home/me/repo',
    'file:///home/me/repo/',
    'file:///home/me/repository-evil/a.yaml',
    'file://evil-host/home/me/repo/a.yaml',
    'file:///home/me/repo/a.yaml?x=1',
    'file:///home/me/repo\\..\\..\\etc\\passwd',
    'https://example.com/home/me/repo/a.yaml',
    'command:workbench.action.terminal.new',
    'vscode-userdata:/home/me/.config/Code/User/settings.json',
    '/home/me/repo/a.yaml',
    '',
    42,
    undefined,
    { toString: () => 'file:///home/me/repo/a.yaml' },
  ]) {
    assert.equal(ok(bad), undefined, String(bad));
  }
  assert.equal(validateReveal({ type: 'exportSvg', file: 'file:///home/me/repo/a.yaml' }, folders), undefined);
  assert.equal(validateReveal(null, folders), undefined);
  assert.equal(validateReveal({ type: 'reveal', file: 'file:///home/me/repo/a.yaml' }, []), undefined, 'no folder: nothing');
});

test('workspace trust: no setting names a program or a place to write; Restricted Mode limits the rest', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const trust = pkg.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  assert.ok(trust.restrictedConfigurations.includes('blueprint.lintWorkspace'));
  // Nothing a workspace's .vscode/settings.json could point at a binary, a script or a folder to write to.
  for (const name of Object.keys(pkg.contributes.configuration.properties)) assert.doesNotMatch(name, /path|command|executable|runtime|node|args|out(put)?Dir|folder|script|server\.(?!trace)/i, name);
  // The generators (the only commands that write files) are hidden, and refuse, in an untrusted workspace.
  for (const command of ['blueprint.generateStack', 'blueprint.generateDrupalAks']) {
    const palette = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === command);
    assert.equal(palette?.when, 'isWorkspaceTrusted', command);
  }
  assert.match(readFileSync(join(ROOT, 'client', 'src', 'generate', 'stack.ts'), 'utf8'), /if \(!vscode\.workspace\.isTrusted\)/);
  // The server is told, and lints open files only (test/lsp/trust.test.ts checks the behaviour).
  assert.match(readFileSync(join(ROOT, 'client', 'src', 'server.ts'), 'utf8'), /initializationOptions: \{ trusted: vscode\.workspace\.isTrusted \}/);
});
