// The quick fixes of the workload health rules that fix-all never applies (so
// the *.fixed.yaml fixtures cannot show them), and image reference parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits } from '../../server/src/core/types';
import { parseImageReference } from '../../server/src/core/rules/k8s/image-tag';

function fixesFor(ruleId: string, text: string) {
  const config = { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === ruleId ? r.severity : 'off'] as const)) };
  const ws = new Workspace();
  ws.update('deploy.yaml', text);
  const { findings, ruleErrors } = new Linter(RULES, config).lintFile(ws, 'deploy.yaml');
  assert.deepEqual(ruleErrors, []);
  return findings.map((f) => ({
    message: f.message,
    fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, result: applyEdits(text, x.edits) })),
  }));
}

const deployment = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
${container}`;

test('an HTTP port gets an httpGet probe in the editor and a tcpSocket probe from fix-all', () => {
  const text = deployment(`        - name: nginx
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
`);
  const [finding] = fixesFor('k8s/readiness-probe', text);
  assert.equal(finding.message, 'Container "nginx" has no readiness probe.');
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [
    ['Add an httpGet readinessProbe (GET / on port http)', false],
    ['Add a tcpSocket readinessProbe on port http', true],
  ]);
  assert.equal(finding.fixes[0].result, text + `          readinessProbe:
            httpGet:
              path: /
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
`);
});

test('an HTTPS port gets scheme HTTPS; an unnamed port is referenced by number', () => {
  const text = deployment(`        - { name: admin, image: "example/admin:2.3.1", ports: [{ containerPort: 8443 }] }
`);
  const [finding] = fixesFor('k8s/liveness-probe', text);
  assert.deepEqual(finding.fixes.map((f) => f.title), [
    'Add an httpGet livenessProbe (GET / over HTTPS on port 8443)',
    'Add a tcpSocket livenessProbe on port 8443',
  ]);
  assert.equal(
    finding.fixes[0].result,
    deployment(`        - { name: admin, image: "example/admin:2.3.1", ports: [{ containerPort: 8443 }], livenessProbe: { httpGet: { path: /, port: 8443, scheme: HTTPS }, initialDelaySeconds: 15, periodSeconds: 20 } }
`),
  );
});

test('a container without ports gets an exec placeholder that fails until replaced, never applied by fix-all', () => {
  const text = deployment(`        - name: worker
          image: example/worker:1.2.0
`);
  const [finding] = fixesFor('k8s/readiness-probe', text);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [['Add an exec readinessProbe placeholder (fails until you replace its command)', false]]);
  assert.equal(finding.fixes[0].result, text + `          readinessProbe:
            exec:
              command:
                - sh
                - -c
                - echo "replace with a real health check" >&2; exit 1
            initialDelaySeconds: 5
            periodSeconds: 10
`);
});

test('image references: registry ports are not tags, digests pin', () => {
  assert.deepEqual(parseImageReference('nginx'), { repository: 'nginx' });
  assert.deepEqual(parseImageReference('nginx:latest'), { repository: 'nginx', tag: 'latest' });
  assert.deepEqual(parseImageReference('registry:5000/app'), { repository: 'registry:5000/app' });
  assert.deepEqual(parseImageReference('registry:5000/team/app:1.2'), { repository: 'registry:5000/team/app', tag: '1.2' });
  assert.deepEqual(parseImageReference('app@sha256:abc'), { repository: 'app', digest: 'sha256:abc' });
  assert.deepEqual(parseImageReference('app:1.0@sha256:abc'), { repository: 'app', tag: '1.0', digest: 'sha256:abc' });
  assert.deepEqual(parseImageReference('app:'), { repository: 'app' });
});
