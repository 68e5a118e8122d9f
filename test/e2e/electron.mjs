#!/usr/bin/env node
// Launcher 1: the same mocha suite (test/e2e/suite/) in VS Code desktop through
// @vscode/test-electron, for machines that can download VS Code (this project's
// CI cannot: it runs test/e2e/run.mjs in code-server). `npm run test:electron`.
//   BLUEPRINT_E2E_VSCODE=1.100.3|stable|insiders picks the version (default: the engine's minimum, 1.100.3).
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, bundleSuite, copyWorkspace, log, sh } from './harness.mjs';

// The production bundles the .vsix ships (dist/), loaded as a development extension from the project root.
sh(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production']);
const suite = await bundleSuite();
const folder = copyWorkspace(path.join(ROOT, 'test/e2e/workspace'), 'electron');
let code = 1;
try {
  log('VS Code desktop: mocha suite');
  await runTests({
    version: process.env.BLUEPRINT_E2E_VSCODE || '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  code = 0;
} catch (e) {
  console.error('e2e (electron): FAILED:', e instanceof Error ? e.message : e);
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
process.exit(code);
