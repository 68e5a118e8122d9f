// The status bar, summary and rule-failure texts of the extension client
// (client/src/presentation.ts has no `vscode` import, so it runs here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCounts, lintSummaryMessage, ruleErrorMessage, statusView } from '../client/src/presentation';

const counts = (errors: number, warnings: number, infos: number, files = 42, scanning = false) => ({ errors, warnings, infos, files, scanning });

test('counts are described without zero parts', () => {
  assert.equal(describeCounts(counts(0, 0, 0)), 'no problems');
  assert.equal(describeCounts(counts(1, 0, 0)), '1 error');
  assert.equal(describeCounts(counts(0, 2, 1)), '2 warnings and 1 info');
  assert.equal(describeCounts(counts(3, 5, 2)), '3 errors, 5 warnings and 2 infos');
});

test('status bar: counts with icons, a check when clean, click opens the Problems panel', () => {
  const busy = statusView('running', counts(3, 5, 0));
  assert.equal(busy.text, '$(shield) $(error) 3 $(warning) 5');
  assert.equal(busy.command, 'blueprint.showProblems');
  assert.equal(busy.accessibilityLabel, 'Blueprint: 3 errors and 5 warnings in 42 files');
  assert.equal(busy.warning, false);
  assert.match(busy.tooltip, /^\*\*Blueprint\*\* checked 42 files: 3 errors and 5 warnings\./);
  assert.match(busy.tooltip, /\[Lint workspace\]\(command:blueprint\.lintWorkspace\)/);

  assert.equal(statusView('running', counts(0, 1, 4)).text, '$(shield) $(error) 0 $(warning) 1 $(info) 4');
  const clean = statusView('running', counts(0, 0, 0, 1));
  assert.equal(clean.text, '$(shield) $(check)');
  assert.equal(clean.accessibilityLabel, 'Blueprint: no problems in 1 file');
});

test('status bar: spinner while starting or scanning, warning look when stopped', () => {
  const starting = statusView('starting', undefined);
  assert.equal(starting.text, '$(loading~spin) Blueprint');
  assert.equal(starting.command, 'blueprint.showOutput');
  assert.equal(statusView('running', undefined).text, '$(loading~spin) Blueprint', 'running but no counts yet');

  const scanning = statusView('running', counts(1, 0, 0, 7, true));
  assert.equal(scanning.text, '$(loading~spin) Blueprint');
  assert.match(scanning.tooltip, /linting the workspace… 7 files so far, 1 error\./);

  const stopped = statusView('stopped', counts(1, 0, 0));
  assert.equal(stopped.text, '$(shield) stopped');
  assert.equal(stopped.warning, true);
  assert.equal(stopped.command, 'blueprint.showOutput');
  assert.match(stopped.tooltip, /\[Restart server\]\(command:blueprint\.restartServer\)/);
});

test('Lint Workspace summary', () => {
  assert.equal(lintSummaryMessage(counts(3, 5, 2)), 'Blueprint linted 42 files: 3 errors, 5 warnings and 2 infos.');
  assert.equal(lintSummaryMessage(counts(0, 0, 0, 1)), 'Blueprint linted 1 file: no problems found.');
});

test('rule failure message names the rule and the file, and says the rest still ran', () => {
  assert.equal(
    ruleErrorMessage({ ruleId: 'k8s/pdb', file: 'file:///w/apps/web.yaml', message: "Cannot read properties of undefined (reading 'spec')." }, 'apps/web.yaml'),
    "Blueprint rule k8s/pdb failed on apps/web.yaml: Cannot read properties of undefined (reading 'spec'); the other rules still ran.",
  );
  assert.equal(ruleErrorMessage({ ruleId: 'k8s/pdb', file: 'x', message: '  ' }, 'x'), 'Blueprint rule k8s/pdb failed on x: unknown error; the other rules still ran.');
});
