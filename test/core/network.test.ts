// The NetworkPolicy model (model/network.ts), the generated policies of the net/*
// quick fixes (they must pass Blueprint's own rules), the editor navigation on
// policy selectors, live updates across files, and the findings on the
// drupal-aks-flux corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits, Finding, Fix } from '../../server/src/core/types';
import { workloadsIn } from '../../server/src/core/model/joins';
import { coverageOf, defaultDenyOf, networkModel, policiesIn, workloadDns } from '../../server/src/core/model/network';
import { describeAt, findDefinitions } from '../../server/src/core/navigation';

const NET_RULES = RULES.filter((r) => r.id.startsWith('net/')).map((r) => r.id);

/** Every rule on (the restricted profile) except the ones that judge workloads, not policies. */
function fullLinter(): Linter {
  return new Linter(RULES, { profile: 'restricted' });
}

function netLinter(): Linter {
  return new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id.startsWith('net/') ? r.severity : 'off'])) });
}

function lintAll(linter: Linter, ws: Workspace): Finding[] {
  return ws.paths().flatMap((p) => {
    const r = linter.lintFile(ws, p);
    assert.deepEqual(r.ruleErrors, [], `rule errors in ${p}`);
    return r.findings;
  });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web, tier: frontend }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
        - name: exporter
          image: exporter:1.0
          ports:
            - containerPort: 9100
`;

const DB = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  serviceName: db
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: postgres
          image: postgres:16
          ports:
            - containerPort: 5432
`;

function shop(): Workspace {
  const ws = new Workspace();
  ws.update('apps/shop/kustomization.yaml', 'namespace: shop\nresources:\n  - web.yaml\n  - service.yaml\n');
  ws.update('apps/shop/web.yaml', DEPLOYMENT);
  ws.update('apps/shop/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n      targetPort: http\n');
  ws.update('apps/shop/ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: { name: web, port: { number: 80 } }\n');
  ws.update('infra/ingress-nginx.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ingress-nginx\n');
  ws.update('apps/db/db.yaml', DB);
  return ws;
}

test('policy types default to Ingress, plus Egress only when egress rules exist', () => {
  const ws = new Workspace();
  ws.update('p.yaml', [
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: a, namespace: x }\nspec:\n  podSelector: {}\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: b, namespace: x }\nspec:\n  podSelector: {}\n  egress: []\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: c, namespace: x }\nspec:\n  podSelector: {}\n  egress: [{}]\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: d, namespace: x }\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n',
  ].join('---\n'));
  const byName = Object.fromEntries(policiesIn(ws, 'x').map((p) => [p.name, p]));
  assert.deepEqual(byName.a.types, { ingress: true, egress: false });
  assert.deepEqual(byName.b.types, { ingress: true, egress: false });
  assert.deepEqual(byName.c.types, { ingress: true, egress: true });
  assert.deepEqual(byName.d.types, { ingress: false, egress: true });
  assert.equal(byName.d.ingress.length, 0, 'rules of a direction the policy does not list are ignored');
});

test('selection, coverage, default deny and DNS follow the effective namespace', () => {
  const ws = shop();
  ws.update('apps/shop/policies.yaml', [
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: shop }\nspec:\n  podSelector:\n    matchExpressions: [{ key: tier, operator: In, values: [frontend] }]\n  policyTypes: [Egress]\n  egress:\n    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }]\n      ports: [{ protocol: UDP, port: 53 }]\n',
  ].join('---\n'));
  const [web] = workloadsIn(ws, 'shop').filter((w) => w.object.name === 'web');
  const [db] = workloadsIn(ws, 'shop').filter((w) => w.object.name === 'db');
  assert.deepEqual(coverageOf(ws, web).policies.map((p) => p.name), ['deny', 'web']);
  assert.deepEqual(coverageOf(ws, web).allowing.map((p) => p.name), ['web']);
  assert.deepEqual(coverageOf(ws, db).allowing.map((p) => p.name), [], 'the default deny alone is no coverage');
  assert.deepEqual(workloadDns(ws, web), { udp: true, tcp: false });
  assert.deepEqual(workloadDns(ws, db), { udp: false, tcp: false });
  const dd = defaultDenyOf(ws, 'shop');
  assert.equal(dd.ingress.isolatedBy?.name, 'deny');
  assert.equal(dd.egress.isolatedBy?.name, 'deny');
  assert.equal(dd.egress.openedBy, undefined);
  const m = networkModel(ws);
  assert.ok(m.ingressControllerNamespaces.has('ingress-nginx'));
  assert.deepEqual(m.namespaces.get('ingress-nginx'), { 'kubernetes.io/metadata.name': 'ingress-nginx' });
});

/** Apply one fix (its own edits and other files) to a copy of the workspace. */
function applyFix(ws: Workspace, finding: Finding, fix: Fix): Workspace {
  const out = new Workspace();
  for (const p of ws.paths()) out.update(p, ws.get(p)!.text);
  if (fix.edits.length) out.update(finding.file, applyEdits(ws.get(finding.file)!.text, fix.edits));
  for (const o of fix.otherFiles ?? []) out.update(o.file, applyEdits(o.create ?? ws.get(o.file)!.text, o.edits ?? []));
  return out;
}

test('the generated allow policy passes every Blueprint rule that judges policies, in both placements', () => {
  const ws = shop();
  const linter = fullLinter();
  const finding = linter.lintFile(ws, 'apps/shop/web.yaml').findings.find((f) => f.ruleId === 'net/policy-coverage');
  assert.ok(finding);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [
    ['Add NetworkPolicy web-allow to this file (ingress on 8080/TCP, 9100/TCP, DNS egress)', false],
    ['Create web-networkpolicy.yaml with NetworkPolicy web-allow (ingress on 8080/TCP, 9100/TCP, DNS egress)', false],
  ]);
  const [sameFile, newFile] = finding.fixes;
  assert.deepEqual(newFile.otherFiles?.map((o) => [o.file, o.create !== undefined]), [
    ['apps/shop/web-networkpolicy.yaml', true],
    ['apps/shop/kustomization.yaml', false],
  ]);
  for (const fix of [sameFile, newFile]) {
    const fixed = applyFix(ws, finding, fix);
    const findings: Finding[] = lintAll(linter, fixed);
    const touched = new Set<string>([finding.file, ...(fix.otherFiles ?? []).map((o) => o.file)]);
    // Nothing about NetworkPolicies, nor schema problems, in the files the fix wrote.
    const bad: Finding[] = findings.filter((f: Finding) => touched.has(f.file) && (f.object?.startsWith('NetworkPolicy/') || f.ruleId.startsWith('schema/') || f.ruleId.startsWith('yaml/')));
    assert.deepEqual(bad.map((f) => `${f.file}: ${f.ruleId}: ${f.message}`), [], fix.title);
    assert.ok(!findings.some((f) => f.ruleId === 'net/policy-coverage' && f.file === 'apps/shop/web.yaml'), `${fix.title} covers the workload`);
  }
  // The Ingress routes to web: the ingress controller's namespace may reach it.
  const created = newFile.otherFiles![0].create!;
  assert.equal(created, `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-allow
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector: {}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
      ports:
        - protocol: TCP
          port: 8080
        - protocol: TCP
          port: 9100
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`);
});

test('the generated default deny and DNS rule pass the net rules', () => {
  const ws = shop();
  const linter = netLinter();
  const dd = lintAll(linter, ws).find((f) => f.ruleId === 'net/default-deny' && f.message.includes('"shop"'));
  assert.ok(dd, 'shop has no default deny');
  const fixed = applyFix(ws, dd, dd.fixes[0]);
  const after = lintAll(linter, fixed);
  assert.ok(!after.some((f) => f.ruleId === 'net/default-deny' && f.message.includes('"shop"')));
  assert.ok(!after.some((f) => f.ruleId === 'net/dns-egress'), 'the default deny allows DNS');
  // Both workloads are still reported by coverage: the default deny allows them nothing.
  assert.deepEqual(after.filter((f) => f.ruleId === 'net/policy-coverage').map((f) => f.message).sort(), [
    'Deployment "web" is only selected by the default deny "default-deny" in namespace "shop": no policy allows its traffic.',
    'StatefulSet "db" is only selected by the default deny "default-deny" in namespace "shop": no policy allows its traffic.',
  ]);

  ws.update('apps/shop/egress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web-egress, namespace: shop }\nspec:\n  podSelector:\n    matchLabels: { app: web }\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - port: 443\n');
  const dns = lintAll(linter, ws).find((f) => f.ruleId === 'net/dns-egress');
  assert.ok(dns);
  assert.equal(dns.fixes[0].safe, true);
  const dnsFixed = applyFix(ws, dns, dns.fixes[0]);
  assert.ok(!lintAll(linter, dnsFixed).some((f) => f.ruleId === 'net/dns-egress'));
});

test('adding, changing and removing a policy in another file updates coverage at once', () => {
  const ws = shop();
  const linter = netLinter();
  const coverage = () => linter.lintFile(ws, 'apps/shop/web.yaml').findings.filter((f) => f.ruleId === 'net/policy-coverage').length;
  assert.equal(coverage(), 1);
  ws.update('apps/shop/policy.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web }\nspec:\n  podSelector:\n    matchLabels: { app: web }\n');
  assert.equal(coverage(), 1, 'not listed in the kustomization: lands in "default"');
  ws.update('apps/shop/kustomization.yaml', 'namespace: shop\nresources:\n  - web.yaml\n  - service.yaml\n  - policy.yaml\n');
  assert.equal(coverage(), 0);
  ws.remove('apps/shop/policy.yaml');
  assert.equal(coverage(), 1);
});

test('definition and hover on policy selectors', () => {
  const ws = shop();
  const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: shop }\nspec:\n  podSelector:\n    matchLabels: { app: web }\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: ingress-nginx }\n        - podSelector: {}\n';
  ws.update('apps/shop/policy.yaml', text);
  const at = (needle: string) => ({ ws, file: 'apps/shop/policy.yaml', offset: text.indexOf(needle) + 2 });
  const defs = findDefinitions(at('app: web'));
  assert.deepEqual(defs.map((d) => [d.file, ws.get(d.file)!.text.slice(d.span.start, d.span.end)]), [['apps/shop/web.yaml', 'name: web']]);
  assert.equal(text.slice(defs[0].origin!.start, defs[0].origin!.end), 'podSelector:\n    matchLabels: { app: web }');
  const hover = describeAt(at('app: web')).map((h) => h.markdown);
  assert.ok(hover.includes('**podSelector** `app=web` of NetworkPolicy `web` (namespace `shop`) selects 1 workload: Deployment shop/web.'), hover.join('\n'));
  const ns = describeAt(at('kubernetes.io/metadata.name: ingress')).map((h) => h.markdown);
  assert.ok(ns.some((m) => m.startsWith('**namespaceSelector** `kubernetes.io/metadata.name=ingress-nginx` matches namespace `ingress-nginx`')), ns.join('\n'));
  const peer = describeAt(at('podSelector: {}')).map((h) => h.markdown);
  assert.ok(peer.includes('**podSelector** `(everything)` matches pods in namespace `shop`: 2 workloads: Deployment shop/web, StatefulSet shop/db.'), peer.join('\n'));
  assert.deepEqual(findDefinitions(at('apiVersion')), []);
});

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'drupal-aks-flux');

test('drupal-aks-flux: the net findings a platform engineer would agree with', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? (n === '.git' ? [] : walk(p)) : [p];
  });
  const ws = new Workspace();
  for (const f of walk(CORPUS).filter((p) => /\.ya?ml$/.test(p))) ws.update(relative(CORPUS, f), readFileSync(f, 'utf8'));
  const findings = lintAll(netLinter(), ws).filter((f) => NET_RULES.includes(f.ruleId));
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.object}`).sort(), [
    // No NetworkPolicy in the drupal namespace at all: every Drupal pod is reachable from any pod.
    'net/default-deny Namespace/drupal',
    // Flux's own policies isolate ingress but allow all egress (it fetches sources): reported, on that rule.
    'net/default-deny NetworkPolicy/flux-system/allow-egress',
    'net/policy-coverage CronJob/drupal/drupal-cron',
    'net/policy-coverage Deployment/drupal/drupal',
    'net/policy-coverage Job/drupal/drupal-migration',
  ]);
  // Traefik's LoadBalancer is declared in a HelmRelease, in its own namespace: not an exposed Service.
  assert.ok(!findings.some((f) => f.ruleId === 'net/exposed-service'));
  // The Flux controllers are covered by Flux's namespace-wide policies.
  assert.ok(!findings.some((f) => f.ruleId === 'net/policy-coverage' && f.object?.includes('flux-system')));
});
