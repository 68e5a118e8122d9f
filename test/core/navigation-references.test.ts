import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { describeAt, findDefinitions } from '../../server/src/core/navigation/index';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: ghost
  namespace: shop
spec:
  selector: { app: ghost }
`;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
`;

const ROUTES = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: shop
  namespace: shop
spec:
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      services:
        - name: web
          port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: { number: 80 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: web }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 3
  maxReplicas: 10
`;

function repo(): Workspace {
  const ws = new Workspace();
  ws.update('shop/kustomization.yaml', 'namespace: shop\nresources: [service.yaml, deployment.yaml]\n');
  ws.update('shop/service.yaml', SERVICE);
  ws.update('shop/deployment.yaml', DEPLOY);
  ws.update('shop/routes.yaml', ROUTES);
  return ws;
}

function at(ws: Workspace, file: string, needle: string, nth = 0, delta = 1): { ws: Workspace; file: string; offset: number } {
  const text = ws.get(file)!.text;
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not found`);
  return { ws, file, offset: i + delta };
}

function textOf(ws: Workspace, file: string, span: { start: number; end: number }): string {
  return ws.get(file)!.text.slice(span.start, span.end);
}

test('Service selector → the workloads it selects', () => {
  const ws = repo();
  const defs = findDefinitions(at(ws, 'shop/service.yaml', 'app: web'));
  assert.equal(defs.length, 1);
  assert.equal(defs[0].file, 'shop/deployment.yaml');
  assert.equal(textOf(ws, defs[0].file, defs[0].span), 'labels: { app: web }');
  assert.equal(textOf(ws, 'shop/service.yaml', defs[0].origin!), 'selector:\n    app: web');
  assert.deepEqual(findDefinitions(at(ws, 'shop/service.yaml', 'app: ghost')), []);
  assert.deepEqual(findDefinitions(at(ws, 'shop/service.yaml', 'port: 80')), []);
});

test('IngressRoute and Ingress backends → the Service', () => {
  const ws = repo();
  for (const nth of [0, 1]) {
    const defs = findDefinitions(at(ws, 'shop/routes.yaml', 'name: web', nth, 7));
    assert.equal(defs.length, 1, `backend ${nth}`);
    assert.equal(defs[0].file, 'shop/service.yaml');
    assert.equal(textOf(ws, defs[0].file, defs[0].span), 'name: web');
  }
});

test('HPA target → the workload', () => {
  const ws = repo();
  const defs = findDefinitions(at(ws, 'shop/routes.yaml', 'kind: Deployment, name: web', 0, 25));
  assert.equal(defs.length, 1);
  assert.equal(defs[0].file, 'shop/deployment.yaml');
});

test('hover says what a Service selector, a PDB selector and an HPA target match', () => {
  const ws = repo();
  const svc = describeAt(at(ws, 'shop/service.yaml', 'app: web'));
  assert.equal(svc.length, 1);
  assert.equal(svc[0].markdown, 'Selects 3 pods of Deployment shop/web (`app=web`).');
  assert.match(describeAt(at(ws, 'shop/service.yaml', 'app: ghost'))[0].markdown, /matches no pod/);
  const pdb = describeAt(at(ws, 'shop/routes.yaml', 'matchLabels: { app: web }'));
  assert.equal(pdb[0].markdown, 'Protects 3 pods of Deployment shop/web (`app=web`).');
  const hpa = describeAt(at(ws, 'shop/routes.yaml', 'scaleTargetRef'));
  assert.equal(hpa[0].markdown, 'Scales Deployment shop/web between 3 and 10 replicas.');
  assert.deepEqual(describeAt(at(ws, 'shop/routes.yaml', 'maxUnavailable')), []);
});
