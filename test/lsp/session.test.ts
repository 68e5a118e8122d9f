// The lint session against a recording fake connection, with a rule that
// throws: its error is logged per file, notified once per rule, and every
// other rule and file keeps working.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { defineRule } from '../../server/src/core/rules/rule';
import { ruleById } from '../../server/src/core/rules/registry';
import { LintSession } from '../../server/src/lsp/session';
import { fileUri } from '../../server/src/lsp/uris';
import { RULE_ERROR_NOTIFICATION, STATUS_NOTIFICATION } from '../../server/src/protocol';
import { makeWorkspace } from './client';

const DEPLOYMENT = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
`;

const throwing = defineRule({
  id: 'test/throws',
  severity: 'error',
  category: 'meta',
  profile: 'always',
  docs: 'Throws on every Deployment.',
  messages: { never: 'never reported' },
  appliesTo: ['Deployment'],
  check(obj) {
    throw new Error(`cannot handle ${obj.name}`);
  },
});

function fakeConnection() {
  const notifications: { method: string; params: unknown }[] = [];
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const errors: string[] = [];
  const connection = {
    console: { error: (m: string) => errors.push(m), warn: () => {}, info: () => {}, log: () => {} },
    sendDiagnostics: async (p: PublishDiagnosticsParams) => void diagnostics.set(p.uri, p),
    sendNotification: async (method: string, params: unknown) => void notifications.push({ method, params }),
    workspace: { getConfiguration: async (items: unknown[]) => items.map(() => ({})) },
    window: {},
  } as unknown as Connection;
  return { connection, notifications, diagnostics, errors };
}

const ws = makeWorkspace({ 'a.yaml': DEPLOYMENT('a'), 'b.yaml': DEPLOYMENT('b') });
after(() => ws.dispose());

test('a throwing rule is logged per file, notified once, and never stops the other rules', { timeout: 10_000 }, async () => {
  const fake = fakeConnection();
  const documents = { get: () => undefined } as unknown as TextDocuments<TextDocument>;
  const session = new LintSession(fake.connection, documents, {
    extensionRoot: '/ext',
    configurationSupport: true,
    progressSupport: false,
    rules: [ruleById('k8s/run-as-non-root')!, throwing],
  });
  session.setFolders([{ uri: fileUri(ws.root), name: 'w' }]);
  try {
    assert.deepEqual(await session.refresh(), { files: 2, errors: 2, warnings: 0, infos: 0 });
    await session.refresh();

    const a = fileUri(`${ws.root}/a.yaml`);
    const b = fileUri(`${ws.root}/b.yaml`);
    for (const uri of [a, b]) assert.deepEqual(fake.diagnostics.get(uri)?.diagnostics.map((d) => d.code), ['k8s/run-as-non-root'], uri);
    assert.deepEqual(
      fake.notifications.filter((n) => n.method === RULE_ERROR_NOTIFICATION).map((n) => n.params),
      [{ ruleId: 'test/throws', file: a, message: 'cannot handle a' }],
    );
    // Logged once per file and message, however often the file is linted.
    assert.deepEqual(fake.errors, [
      `Blueprint: rule test/throws failed on ${a} (Deployment/default/a): cannot handle a`,
      `Blueprint: rule test/throws failed on ${b} (Deployment/default/b): cannot handle b`,
    ]);
    const statuses = fake.notifications.filter((n) => n.method === STATUS_NOTIFICATION).map((n) => n.params);
    assert.deepEqual(statuses[statuses.length - 1], { files: 2, errors: 2, warnings: 0, infos: 0, scanning: false });
  } finally {
    session.dispose();
  }
});
