// The user's scenario in code-server, by keyboard and mouse, with the packaged
// extension installed: open a Deployment of the example workspace (examples/),
// see the squiggle and the Problems row, apply the quick fix with Ctrl+., run
// the Drupal AKS generator from F1 (when the build has it), open the topology
// preview. Screenshots in test-results/e2e/; BLUEPRINT_E2E_UPDATE_DOCS=1 copies
// the README's ones to docs/images/e2e-*.png.
// Pitfalls (see the recipe): Monaco renders spaces as U+00A0 and recycles
// .view-line nodes (sort by CSS top); a click on the quick-fix menu is swallowed
// by an overlay (arrow keys and Enter); the webview is two nested iframes.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ROOT, copyWorkspace, launchBrowser, log, startCodeServer } from './harness.mjs';

const FILE = 'shop.yaml';
const FIX_TITLE = 'Remove hostNetwork: true';
const RULE = 'k8s/no-host-namespaces';
const GENERATE_TITLE = 'Blueprint: Generate Drupal AKS';
const GENERATED_FOLDER = 'drupal-aks-stack';
const DOC_SHOTS = { '01-diagnostic.png': 'e2e-diagnostic.png', '02-quickfix-menu.png': 'e2e-quickfix.png', '04-generated.png': 'e2e-generated.png', '05-topology.png': 'e2e-topology.png', '06-topology-gitops.png': 'e2e-topology-gitops.png' };

const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ');

async function editorText(page) {
  return norm(
    await page
      .locator('.editor-instance .monaco-editor .view-lines')
      .first()
      .evaluate((el) => [...el.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent).join('\n')),
  );
}

const waitForEditorText = (page, needle, present = true) =>
  page.waitForFunction(
    ([n, p]) => ((document.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(n)) === p,
    [needle, present],
    { timeout: 30_000 },
  );

async function quickInput(page, key, text, rowText) {
  await page.keyboard.press(key);
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(text, { delay: 10 });
  // Enter picks the focused row: wait until the list has filtered down to the one wanted
  // (before that, the focused row may be a recently opened file).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function goToLine(page, where) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(where);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** F1 → the generator, when this build of the extension has it; each input it asks for is accepted as proposed. */
async function runGenerator(page, shot) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(GENERATE_TITLE, { delay: 10 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: GENERATE_TITLE }).first();
  if (!(await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false))) {
    await page.keyboard.press('Escape');
    return 'pending: the command is not in this build';
  }
  const before = await explorerNames(page);
  await page.keyboard.press('Enter');
  // Answer its questions as a user would: a new target folder, the proposed value where
  // there is one, else the example the prompt shows; until it stops asking.
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  for (let i = 0, idle = 0; i < 30 && idle < 3; i++) {
    await page.waitForTimeout(500);
    if (!(await widget.isVisible())) {
      idle++;
      continue;
    }
    idle = 0;
    const title = norm(await widget.locator('.quick-input-title').innerText().catch(() => ''));
    if (/target folder/i.test(title)) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(GENERATED_FOLDER);
    } else if ((await input.inputValue()) === '') {
      await page.keyboard.type((await input.getAttribute('placeholder')) ?? '');
    }
    await page.keyboard.press('Enter');
  }
  // The generated stack shows up in the explorer.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: GENERATED_FOLDER }).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction((names) => [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].filter((r) => !names.includes(r.getAttribute('aria-label'))).length > 2, before, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  await shot('04-generated.png');
  return 'ran';
}

const explorerNames = (page) => page.locator('.explorer-folders-view .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));

export async function uiScenario(extensionsDir) {
  const folder = copyWorkspace(path.join(ROOT, 'examples'), 'ui');
  const cs = await startCodeServer({ name: 'ui', folder, extensionsDir });
  const browser = await launchBrowser('ui');
  const { page } = browser;
  const shots = [];
  const shot = async (name) => {
    await page.screenshot({ path: path.join(ARTIFACTS, name) });
    shots.push(name);
  };
  try {
    await page.goto(`http://${cs.authority}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'needs-work' }).waitFor({ timeout: 60_000 });
    log('ui: workbench loaded');

    // 1. Open the Deployment; the server's diagnostics show as squiggles and Problems rows.
    await quickInput(page, 'Control+P', FILE, FILE);
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
    await waitForEditorText(page, 'kind: Deployment');
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    log('ui: squiggles shown');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'hostNetwork: true' });
    await problem.first().waitFor({ timeout: 30_000 });
    const row = norm(await problem.first().innerText());
    if (!row.includes(RULE)) throw new Error(`the Problems row does not name ${RULE}: ${row}`);
    log('ui: Problems row:', JSON.stringify(row.replace(/\s+/g, ' ')));
    // Back to the editor, on the finding, with its hover.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await goToLine(page, '16:7');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover', { hasText: 'node' }).first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => log('ui: (no hover shown)'));
    await shot('01-diagnostic.png');
    await page.keyboard.press('Escape');

    // 2. Quick fix with Ctrl+. (the menu takes arrow keys and Enter, not clicks).
    await page.keyboard.press('Control+.');
    const fixItem = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE });
    await fixItem.first().waitFor({ timeout: 30_000 });
    for (let i = 0; i < 15 && !/\bfocused\b/.test((await fixItem.first().getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
    await shot('02-quickfix-menu.png');
    await page.keyboard.press('Enter');
    await waitForEditorText(page, 'hostNetwork: true', false);
    await problem.first().waitFor({ state: 'detached', timeout: 30_000 });
    const text = await editorText(page);
    if (!/labels: \{ app: api \}\n\s*spec:\n\s*containers:/.test(text)) throw new Error(`the quick fix did not leave the pod spec as expected:\n${text}`);
    log('ui: quick fix applied, its Problems row is gone');
    await shot('03-after-quickfix.png');

    // 3. The generator from F1 (pending until the command exists).
    const generated = await runGenerator(page, shot);
    log(`ui: generator ${generated}`);

    // 4. The topology preview, from F1.
    await quickInput(page, 'Control+P', FILE, FILE);
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
    await quickInput(page, 'F1', 'Blueprint: Open Topology Preview', 'Blueprint: Open Topology Preview');
    await page.locator('.tabs-container .tab', { hasText: 'Blueprint Topology' }).waitFor({ timeout: 30_000 });
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('g[data-id]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const labels = await webview.locator('g[data-id]').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    if (!labels.some((l) => /Deployment api/.test(l ?? ''))) throw new Error(`the topology does not show Deployment api: ${labels.join(', ')}`);
    log(`ui: topology shows ${labels.length} nodes`);
    // Room for the diagram: no notifications, no panel, no side bar.
    await quickInput(page, 'F1', 'Notifications: Clear All Notifications', 'Clear All Notifications').catch(() => page.keyboard.press('Escape'));
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(1000);
    await webview.getByRole('button', { name: 'Fit' }).first().click();
    await page.waitForTimeout(800);
    await shot('05-topology.png');
    // The GitOps view of the same workspace (the generated Flux repository).
    await webview.getByRole('button', { name: 'GitOps' }).first().click();
    await webview.locator('g[data-id]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(800);
    await webview.getByRole('button', { name: 'Fit' }).first().click();
    await page.waitForTimeout(800);
    await shot('06-topology-gitops.png');

    if (process.env.BLUEPRINT_E2E_UPDATE_DOCS === '1') {
      for (const [from, to] of Object.entries(DOC_SHOTS)) {
        if (shots.includes(from)) fs.copyFileSync(path.join(ARTIFACTS, from), path.join(ROOT, 'docs/images', to));
      }
      log('ui: docs/images/e2e-*.png updated');
    }
    return true;
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-failure.png') }).catch(() => {});
    console.error('e2e: UI scenario FAILED:', e);
    return false;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
