// The webview bundle (dist/webview/topology.js) in headless Chromium, under the
// same strict CSP as the panel: sample graphs of each view are drawn (nodes and
// edges exist in the SVG), a resource named `<img src=x onerror=alert(1)>`
// renders as text and no script runs, a redraw keeps zoom and selection, a
// click asks to reveal the source. Screenshots go to docs/images/ (the README
// shows them), including the three views of ../shared/corpus/drupal-aks-flux.
// Skipped with a message when /usr/bin/chromium is absent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildTopology, TopologyGraph, TopologyView } from '../../server/src/core/topology';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { runGraph } from '../../server/src/cli/graph';
import { panelHtml } from '../../client/src/topology/html';
import { GITOPS_FILES, NETWORK_FILES, TERRAFORM_FILES, workspaceOf, XSS_NAME } from '../harness/topology';

const ROOT = resolve(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = join(ROOT, 'dist', 'webview', 'topology.js');
const IMAGES = join(ROOT, 'docs', 'images');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const NONCE = 'dGVzdG5vbmNl';

const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium) — the webview rendering test needs it`;

let browser: Browser | undefined;
let dir: string;

/** The page the panel builds (client/src/topology/html.ts), with a stub of the VS Code webview API. */
async function openPage(state?: unknown): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const html = panelHtml({ cspSource: 'file:', nonce: NONCE, scriptUri: 'topology.js', state, title: 'Topology' }).replace(
    `<script nonce="${NONCE}" src="topology.js"></script>`,
    `<script nonce="${NONCE}">window.__posted = []; window.__state = ${JSON.stringify(state ?? null)}; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state || undefined, setState: (s) => { window.__state = s; } });</script>\n<script nonce="${NONCE}" src="topology.js"></script>`,
  );
  const file = join(dir, `page-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  return { page, errors, dialogs };
}

async function show(page: Page, graph: TopologyGraph, files: Record<string, string> = {}): Promise<void> {
  const before = await page.evaluate(() => Number(document.body.dataset.drawn ?? 0));
  await page.evaluate(([g, f]) => window.postMessage({ type: 'graph', graph: g, files: f }, '*'), [graph, files] as const);
  await page.waitForFunction((n) => Number(document.body.dataset.drawn ?? 0) > n, before, { timeout: 20_000 });
}

async function setView(page: Page, view: TopologyView): Promise<void> {
  await page.click(`button[data-view="${view}"]`);
}

describe('topology webview in Chromium', { skip }, () => {
  before(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'bp-webview-'));
    writeFileSync(join(dir, 'topology.js'), readFileSync(BUNDLE));
    mkdirSync(IMAGES, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] /* playwright gives each launch a fresh temporary profile */,
    });
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('draws the network sample: nodes, typed edges, TLS, badges; the XSS name is text', async () => {
    const ws = workspaceOf(NETWORK_FILES);
    const findings = new Map([['app/deployment.yaml', [{ ruleId: 'k8s/run-as-non-root', severity: 'error' as const, message: 'Container "web" may run as root.', file: 'app/deployment.yaml', span: { start: 60, end: 70 }, fixes: [] }]]]);
    const graph = buildTopology(ws, findings, 'network');
    const { page, errors, dialogs } = await openPage();
    await show(page, graph, { 'app/deployment.yaml': 'app/deployment.yaml' });
    assert.equal(await page.locator('.bp-node').count(), graph.nodes.length);
    assert.equal(await page.locator('.bp-edge').count(), graph.edges.length);
    for (const type of ['routes-to', 'selects', 'mounts', 'uses-secret', 'connects-to', 'references', 'allowed-by-policy']) {
      assert.ok((await page.locator(`.bp-edge-${type}`).count()) > 0, `an edge of type ${type}`);
    }
    assert.ok((await page.locator('.bp-edge.bp-tls').count()) > 0, 'TLS hops are marked');
    assert.equal(await page.locator('.bp-node[data-id="Deployment/shop/web"] .bp-sev-error').count(), 1, 'the error badge');
    // The payload is a node name, drawn as its characters; no element, no script.
    const xss = page.locator(`.bp-node[data-id="Service/shop/${XSS_NAME}"] .bp-name`);
    assert.equal(await xss.count(), 1);
    assert.ok(XSS_NAME.startsWith((await xss.textContent())!.replace(/…$/, '')), 'the name as text');
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
    assert.deepEqual(dialogs, [], 'no alert ran');
    assert.deepEqual(errors, []);
    // Hover shows the findings as text.
    await page.hover('.bp-node[data-id="Deployment/shop/web"]');
    assert.match((await page.locator('#bp-tooltip').textContent()) ?? '', /may run as root/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(IMAGES, 'topology-network.png') });
    await page.close();
  });

  test('a redraw keeps zoom and selection; a click asks to reveal the source', async () => {
    const ws = workspaceOf(NETWORK_FILES);
    const graph = buildTopology(ws, new Map(), 'network');
    const { page } = await openPage();
    await show(page, graph);
    await page.click('button[title="Zoom in"]');
    await page.click('.bp-node[data-id="Service/shop/web"]');
    const scaleOf = async () => /scale\(([\d.]+)\)/.exec((await page.getAttribute('#bp-viewport', 'transform')) ?? '')?.[1];
    const scale = await scaleOf();
    const boxBefore = await page.locator('.bp-node[data-id="Service/shop/web"]').boundingBox();
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted.at(-1), { type: 'reveal', file: 'app/service.yaml', line: graph.nodes.find((n) => n.id === 'Service/shop/web')!.line, span: graph.nodes.find((n) => n.id === 'Service/shop/web')!.span });
    // The user edits the Service selector: a new graph arrives.
    ws.update('app/service.yaml', NETWORK_FILES['app/service.yaml'].replace('selector: { app: web }', 'selector: { app: frontend }'));
    const next = buildTopology(ws, new Map(), 'network');
    await show(page, next);
    assert.equal(await scaleOf(), scale, 'same zoom');
    // The layout around it may change; the selected node stays where the user sees it.
    const boxAfter = await page.locator('.bp-node[data-id="Service/shop/web"]').boundingBox();
    assert.ok(Math.abs(boxAfter!.x - boxBefore!.x) <= 1 && Math.abs(boxAfter!.y - boxBefore!.y) <= 1, `selected node kept in place: ${JSON.stringify([boxBefore, boxAfter])}`);
    assert.equal(await page.locator('.bp-node.bp-selected').getAttribute('data-id'), 'Service/shop/web', 'same selection');
    assert.equal(await page.locator('.bp-edge-selects[data-from="Service/shop/web"][data-to="Deployment/shop/frontend"]').count(), 1, 'the new edge is drawn');
    await page.close();
  });

  test('gitops and infrastructure samples, the view switcher and the namespace filter', async () => {
    const { page } = await openPage();
    await setView(page, 'gitops');
    const gitops = buildTopology(workspaceOf(GITOPS_FILES), new Map(), 'gitops');
    await show(page, gitops);
    assert.equal(await page.locator('.bp-node').count(), gitops.nodes.length);
    assert.ok((await page.locator('.bp-edge.bp-cycle').count()) >= 2, 'the cycle is drawn in red');
    assert.equal(await page.locator('.bp-node.bp-missing').count(), 1, 'the missing dependency');
    await page.screenshot({ path: join(IMAGES, 'topology-gitops.png') });
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; view?: string }[] }).__posted);
    assert.ok(posted.some((m) => m.type === 'setView' && m.view === 'gitops'));
    // Hide a namespace.
    await page.click('#bp-ns summary');
    await page.locator('#bp-ns label', { hasText: 'data' }).locator('input').uncheck();
    await page.waitForFunction(() => !document.querySelector('.bp-node[data-id="HelmRelease/data/redis"]'));
    await page.click('#bp-ns summary');

    await setView(page, 'infrastructure');
    const hcl = await initHclFromDisk();
    if (!hcl) {
      const infra = buildTopology(workspaceOf(TERRAFORM_FILES), new Map(), 'infrastructure');
      await show(page, infra);
      assert.equal(await page.locator('.bp-node').count(), 5);
      assert.ok((await page.locator('.bp-edge-depends-on').count()) >= 1);
      await page.screenshot({ path: join(IMAGES, 'topology-infrastructure.png') });
    }
    await page.close();
  });

  test('the three views of the drupal-aks-flux corpus (and drupal-aws-terraform for Terraform)', { skip: !existsSync(join(CORPUS, 'drupal-aks-flux')) && 'corpus not found at ../shared/corpus' }, async () => {
    // The Flux controllers (flux-system) are hidden in the network view: the request path is what matters there.
    const { page, errors } = await openPage({ view: 'network', hidden: { network: ['flux-system'] }, transforms: {} });
    await page.setViewportSize({ width: 1500, height: 720 });
    for (const view of ['network', 'gitops', 'infrastructure'] as const) {
      await setView(page, view);
      const graph = await runGraph({ paths: [join(CORPUS, 'drupal-aks-flux')], view, format: 'json' }, ROOT);
      await show(page, graph);
      if (view !== 'infrastructure') assert.ok((await page.locator('.bp-node').count()) > 5);
      await page.screenshot({ path: join(IMAGES, `topology-drupal-aks-flux-${view}.png`) });
    }
    const tf = await runGraph({ paths: [join(CORPUS, 'drupal-aws-terraform')], view: 'infrastructure', format: 'json' }, ROOT);
    if (tf.nodes.length) {
      await show(page, tf);
      await page.screenshot({ path: join(IMAGES, 'topology-drupal-aws-terraform-infrastructure.png') });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
