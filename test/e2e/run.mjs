#!/usr/bin/env node
// Blueprint end to end in a real VS Code 1.100 workbench (code-server), driven
// by headless Chromium through playwright-core. `npm run test:e2e` runs
// scripts/e2e-setup.sh first (code-server, Chromium), then this:
//   node test/e2e/run.mjs [all|mocha|ui]
// 1. `npm run package`, and the .vsix installed with `code-server --install-extension`:
//    what users get is what is tested.
// 2. mocha: the suite test/e2e/suite/ inside the extension host, loaded through the
//    workbench URL payload (extensionDevelopmentPath = the installed extension,
//    extensionTestsPath = the suite bundle); the exit code comes back through
//    window.codeAutomationExit.
// 3. ui: the user's scenario, keyboard and mouse (test/e2e/ui-scenario.mjs).
// Exit code 0 when everything passed. Screenshots and logs: test-results/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ARTIFACTS, CS_ENTRY, ROOT, RUN, bundleSuite, copyWorkspace, installExtension, launchBrowser, log, packageExtension, startCodeServer } from './harness.mjs';
import { uiScenario } from './ui-scenario.mjs';

const mode = process.argv[2] || 'all';
if (!['all', 'mocha', 'ui'].includes(mode)) {
  console.error('usage: node test/e2e/run.mjs [all|mocha|ui]');
  process.exit(2);
}
if (!fs.existsSync(CS_ENTRY)) {
  console.error(`e2e: code-server is not installed at ${CS_ENTRY}: run scripts/e2e-setup.sh (npm run test:e2e does)`);
  process.exit(1);
}
fs.mkdirSync(RUN, { recursive: true });
fs.rmSync(ARTIFACTS, { recursive: true, force: true });
fs.mkdirSync(path.join(ARTIFACTS, 'logs'), { recursive: true });

const WORKBENCH_NOISE = /^(Resolved connection token|Creating a socket|Ignoring fetching additional|Updating additional builtin|ChatSessionStore|\[Extension Host\])/;

async function mochaSuite(extensionPath, suite) {
  const folder = copyWorkspace(path.join(ROOT, 'test/e2e/workspace'), 'mocha');
  const emptyExtensions = fs.mkdtempSync(path.join(RUN, 'no-extensions-'));
  const cs = await startCodeServer({ name: 'mocha', folder, extensionsDir: emptyExtensions });
  const browser = await launchBrowser('mocha');
  const { page } = browser;
  const hostLog = fs.createWriteStream(path.join(ARTIFACTS, 'logs', 'mocha-extension-host.log'));
  try {
    const remote = (p) => `vscode-remote://${cs.authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(suite)],
    ];
    const exit = new Promise((resolve) => {
      // VS Code's browser workbench calls these when a test run logs and ends (what @vscode/test-web uses).
      void page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...args);
        hostLog.write(`[${type}] ${line}\n`);
        // The workbench's own chatter stays in the log file; the suite's output goes to the console.
        if (!WORKBENCH_NOISE.test(line)) console.log(`  ${line}`);
      });
      void page.exposeFunction('codeAutomationExit', (code, logs) => {
        for (const f of logs ?? []) {
          const dest = path.join(ARTIFACTS, 'logs', 'mocha-vscode', f.relativePath);
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.writeFileSync(dest, f.contents);
        }
        resolve(code);
      });
    });
    await page.goto(`http://${cs.authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout after 300 s'), 300_000))]);
    log(`mocha suite finished: exit code ${code}`);
    if (code !== 0) await page.screenshot({ path: path.join(ARTIFACTS, 'mocha-failure.png') }).catch(() => {});
    return code === 0;
  } finally {
    hostLog.end();
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(emptyExtensions, { recursive: true, force: true });
  }
}

const results = [];
let exitCode = 1;
try {
  log('packaging the extension (npm run package)');
  const vsix = packageExtension();
  log(`installing ${path.relative(ROOT, vsix)} into code-server`);
  const installed = installExtension(vsix);
  log(installed.output.split('\n').pop());
  if (mode !== 'ui') {
    const suite = await bundleSuite();
    log('mocha suite in the extension host');
    results.push(['mocha suite (vscode API)', await mochaSuite(installed.extensionPath, suite)]);
  }
  if (mode !== 'mocha') {
    log('UI scenario');
    results.push(['UI scenario', await uiScenario(installed.extensionsDir)]);
  }
  exitCode = results.every(([, ok]) => ok) ? 0 : 1;
} catch (e) {
  console.error('e2e: harness error:', e);
}
for (const [name, ok] of results) console.log(`e2e: ${ok ? 'passed' : 'FAILED'}  ${name}`);
console.log(`e2e: ${results.filter(([, ok]) => ok).length} passed, ${results.filter(([, ok]) => !ok).length} failed; artifacts in ${path.relative(ROOT, ARTIFACTS)}/`);
process.exit(exitCode);
