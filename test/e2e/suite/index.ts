// Entry point for `extensionTestsPath`: the extension host require()s the bundle
// of this file and awaits run(); a rejected promise is a failed run. The same
// bundle serves both launchers: code-server (test/e2e/run.mjs) and
// @vscode/test-electron (test/e2e/electron.mjs).
import * as path from 'node:path';
// mocha stays out of the bundle: it is resolved from the project's node_modules.
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.BLUEPRINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  mocha.addFile(path.resolve(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`BLUEPRINT_E2E_MOCHA_DONE failures=${failures}`);
      if (failures > 0) reject(new Error(`${failures} E2E test(s) failed.`));
      else resolve();
    });
  });
}
