// The quick fixes of the pod security rules that fix-all never applies (they
// overturn a value someone wrote on purpose, or may stop the container from
// starting), so the *.fixed.yaml fixtures cannot show them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits } from '../../server/src/core/types';

function fixesFor(ruleId: string, text: string) {
  const config = { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === ruleId ? r.severity : 'off'] as const)) };
  const ws = new Workspace();
  ws.update('workload.yaml', text);
  const { findings, ruleErrors } = new Linter(RULES, config).lintFile(ws, 'workload.yaml');
  assert.deepEqual(ruleErrors, []);
  return findings.map((f) => ({
    message: f.message,
    fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, result: applyEdits(text, x.edits) })),
  }));
}

const daemonSet = (podSpec: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
${podSpec}`;

test('no-privileged: privileged: true becomes false, in the editor only', () => {
  const text = daemonSet(`      containers:
        - name: driver
          image: csi-driver:1.0
          securityContext:
            privileged: true # needs /dev
        - { name: helper, image: "helper:1.0", securityContext: { privileged: true } }
`);
  const [driver, helper] = fixesFor('k8s/no-privileged', text);
  assert.deepEqual(driver.fixes.map((f) => [f.title, f.safe]), [['Set privileged: false', false]]);
  assert.equal(driver.fixes[0].result, text.replace('privileged: true # needs', 'privileged: false # needs'));
  assert.equal(helper.fixes[0].result, text.replace('{ privileged: true }', '{ privileged: false }'));
});

test('no-host-namespaces: the field is removed with its comment, in the editor only', () => {
  const text = daemonSet(`      hostNetwork: true # scrape the node
      hostPID: true
      containers:
        - name: exporter
          image: prom/node-exporter:v1.8.2
`);
  const [network, pid] = fixesFor('k8s/no-host-namespaces', text);
  assert.deepEqual(network.fixes.map((f) => [f.title, f.safe]), [['Remove hostNetwork: true', false]]);
  assert.equal(network.fixes[0].result, text.replace('      hostNetwork: true # scrape the node\n', ''));
  assert.equal(pid.fixes[0].result, text.replace('      hostPID: true\n', ''));
  const flow = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { hostIPC: true, containers: [{ name: app, image: "app:1" }] }\n';
  const [ipc] = fixesFor('k8s/no-host-namespaces', flow);
  assert.equal(ipc.fixes[0].result, flow.replace('hostIPC: true, ', ''));
});

test('read-only-root-fs: adding or setting readOnlyRootFilesystem is never applied by fix-all', () => {
  const text = daemonSet(`      containers:
        - name: nginx
          image: nginx:1.27
        - name: php
          image: drupal:11-fpm-alpine
          securityContext:
            readOnlyRootFilesystem: false
`);
  const [nginx, php] = fixesFor('k8s/read-only-root-fs', text);
  assert.deepEqual(nginx.fixes.map((f) => [f.title, f.safe]), [['Add readOnlyRootFilesystem: true', false]]);
  assert.equal(
    nginx.fixes[0].result,
    text.replace('image: nginx:1.27\n', 'image: nginx:1.27\n          securityContext:\n            readOnlyRootFilesystem: true\n'),
  );
  assert.deepEqual(php.fixes.map((f) => [f.title, f.safe]), [['Set readOnlyRootFilesystem: true', false]]);
  assert.equal(php.fixes[0].result, text.replace('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true'));
});

test('no-privilege-escalation: an explicit true is turned to false in the editor only; a missing field is added by fix-all', () => {
  const text = daemonSet(`      initContainers:
        - name: setup
          image: busybox:1.36
          securityContext: { allowPrivilegeEscalation: true }
      containers:
        - name: app
          image: app:1.0
`);
  const [setup, app] = fixesFor('k8s/no-privilege-escalation', text);
  assert.deepEqual(setup.fixes.map((f) => [f.title, f.safe]), [['Set allowPrivilegeEscalation: false', false]]);
  assert.equal(setup.fixes[0].result, text.replace('{ allowPrivilegeEscalation: true }', '{ allowPrivilegeEscalation: false }'));
  assert.deepEqual(app.fixes.map((f) => [f.title, f.safe]), [['Add allowPrivilegeEscalation: false', true]]);
});

test('seccomp-profile: Unconfined becomes RuntimeDefault in the editor only', () => {
  const text = daemonSet(`      securityContext:
        seccompProfile:
          type: Unconfined # legacy
      containers:
        - name: app
          image: app:1.0
`);
  const [finding] = fixesFor('k8s/seccomp-profile', text);
  assert.equal(finding.message, 'The pod (containers "app") disables seccomp (seccompProfile.type: Unconfined): use RuntimeDefault or a Localhost profile.');
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [['Set seccompProfile type RuntimeDefault', false]]);
  assert.equal(finding.fixes[0].result, text.replace('type: Unconfined # legacy', 'type: RuntimeDefault # legacy'));
});
