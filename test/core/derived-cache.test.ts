// Workspace.derived keeps a workspace-wide index across a change that touches
// nothing it declares it reads (DerivedReads), and drops it otherwise. These tests
// prove both directions on the real indexes, then check the whole point: lint
// results after any sequence of edits (seeded, random) equal a fresh lint of the
// final workspace, fix edits included (lazy fixes computed after the next edit).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { configConsumers } from '../../server/src/core/model/app-config';
import { allWorkloads, kustomizeScopes } from '../../server/src/core/model/joins';
import { kustomizeDirs } from '../../server/src/core/model/kustomize';
import { terraformModules } from '../../server/src/core/model/terraform';
import { networkModel } from '../../server/src/core/model/network';
import { Linter, LintResult } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { parseFixture } from '../harness/fixtures';
import { generate } from '../../bench/synthetic';

before(async () => assert.equal(await initHclFromDisk(), undefined));

const ROOT = join(__dirname, '..', '..');

const deployment = (name: string, ns?: string, envFrom = 'app-config') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: example/${name}:1.0
          envFrom:
            - configMapRef:
                name: ${envFrom}
`;
const configMap = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: shop
data:
  REDIS_URL: ${value}
`;
const policy = (tier: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      tier: ${tier}
  ingress:
    - {}
`;

function baseWorkspace(): Workspace {
  const ws = new Workspace();
  ws.update('apps/web.yaml', deployment('web', 'shop'));
  ws.update('apps/config.yaml', configMap('redis://cache:6379'));
  ws.update('apps/policy.yaml', policy('web'));
  ws.update('apps/kustomization.yaml', 'resources:\n  - web.yaml\n  - config.yaml\n  - policy.yaml\n');
  ws.update('infra/main.tf', 'resource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = "westeurope"\n}\n');
  return ws;
}

describe('Workspace.derived: what survives a change', () => {
  it('keeps an index when a file of a kind it does not read changes, in place', () => {
    const ws = baseWorkspace();
    const consumers = configConsumers(ws);
    const workloads = allWorkloads(ws);
    const dirs = kustomizeDirs(ws);
    ws.update('apps/policy.yaml', policy('api'));
    assert.equal(configConsumers(ws), consumers, 'a NetworkPolicy edit keeps the config consumers');
    assert.equal(allWorkloads(ws), workloads, 'a NetworkPolicy edit keeps the workload index');
    assert.equal(kustomizeDirs(ws), dirs, 'a NetworkPolicy edit keeps the kustomize folders');
  });

  it('drops an index when a file of a kind it reads changes', () => {
    const ws = baseWorkspace();
    const consumers = configConsumers(ws);
    const network = networkModel(ws);
    ws.update('apps/config.yaml', configMap('rediss://cache:6380'));
    assert.notEqual(configConsumers(ws), consumers);
    assert.notEqual(networkModel(ws), network, 'an index declaring no reads is dropped on every change');
    const workloads = allWorkloads(ws);
    ws.update('apps/web.yaml', deployment('web', 'shop', 'other'));
    assert.notEqual(allWorkloads(ws), workloads);
  });

  it('drops an index when a file changes from a kind it does not read to one it reads, and back', () => {
    const ws = baseWorkspace();
    let consumers = configConsumers(ws);
    ws.update('apps/policy.yaml', configMap('redis://other:6379').replace('app-config', 'second'));
    assert.notEqual(configConsumers(ws), consumers, 'NetworkPolicy → ConfigMap');
    consumers = configConsumers(ws);
    ws.update('apps/policy.yaml', policy('web'));
    assert.notEqual(configConsumers(ws), consumers, 'ConfigMap → NetworkPolicy');
    consumers = configConsumers(ws);
    ws.update('apps/policy.yaml', policy('web').replace('kind: NetworkPolicy', 'kind: Secret'));
    assert.notEqual(configConsumers(ws), consumers, 'NetworkPolicy → Secret');
  });

  it('drops indexes that read the file set when a file is added or deleted, even of an unread kind', () => {
    const ws = baseWorkspace();
    let consumers = configConsumers(ws);
    const dirs = kustomizeDirs(ws);
    ws.update('apps/policy-2.yaml', policy('db'));
    assert.notEqual(configConsumers(ws), consumers, 'added: folder entries may now include it (namespaces)');
    assert.equal(kustomizeDirs(ws), dirs, 'kustomize folders read only kustomization files');
    consumers = configConsumers(ws);
    ws.remove('apps/policy-2.yaml');
    assert.notEqual(configConsumers(ws), consumers, 'deleted');
    consumers = configConsumers(ws);
    ws.remove('apps/not-there.yaml');
    assert.equal(configConsumers(ws), consumers, 'removing a file the workspace does not hold changes nothing');
  });

  it('drops an index when a file gains its first object or loses its last (kustomize scopes list files with objects)', () => {
    const ws = baseWorkspace();
    let scopes = kustomizeScopes(ws);
    ws.update('apps/policy.yaml', '# nothing yet\n');
    assert.notEqual(kustomizeScopes(ws), scopes);
    scopes = kustomizeScopes(ws);
    ws.update('apps/policy.yaml', '# still nothing\n');
    assert.equal(kustomizeScopes(ws), scopes, 'no object before or after: no kind read');
    ws.update('apps/policy.yaml', policy('web'));
    assert.notEqual(kustomizeScopes(ws), scopes);
  });

  it('drops namespace-dependent indexes when a kustomization changes, and keeps YAML and Terraform indexes apart', () => {
    const ws = baseWorkspace();
    const workloads = allWorkloads(ws);
    const modules = terraformModules(ws);
    ws.update('apps/kustomization.yaml', 'namespace: shop\nresources:\n  - web.yaml\n  - config.yaml\n  - policy.yaml\n');
    assert.notEqual(allWorkloads(ws), workloads, 'effective namespaces come from kustomizations');
    assert.equal(terraformModules(ws), modules, 'a YAML edit keeps the Terraform modules');
    const consumers = configConsumers(ws);
    ws.update('infra/main.tf', 'resource "azurerm_resource_group" "rg" {\n  name = "rg2"\n}\n');
    assert.notEqual(terraformModules(ws), modules);
    assert.equal(configConsumers(ws), consumers, 'a Terraform edit keeps the YAML indexes');
  });

  it('drops everything on a .blueprint.yaml change and on new roots', () => {
    const ws = baseWorkspace();
    let consumers = configConsumers(ws);
    ws.update('.blueprint.yaml', 'profile: baseline\n');
    assert.notEqual(configConsumers(ws), consumers);
    consumers = configConsumers(ws);
    ws.setRoots(['apps']);
    assert.notEqual(configConsumers(ws), consumers);
  });

  it('a kept index still follows what it reads through another file (the TLS collector and Services)', () => {
    // `cache.shop` is cluster-internal only while Service shop/cache exists.
    const ws = baseWorkspace();
    ws.update('apps/config.yaml', configMap('redis://cache.shop:6379'));
    const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  ports:\n    - port: 6379\n`;
    ws.update('apps/service.yaml', service('cache'));
    const linter = new Linter(RULES, {});
    const redis = () => linter.lintFile(ws, 'apps/config.yaml').findings.filter((f) => f.ruleId === 'tls/redis-port').length;
    assert.equal(redis(), 0);
    ws.update('apps/policy.yaml', policy('other'));
    assert.equal(redis(), 0);
    ws.update('apps/service.yaml', service('cache-2'));
    assert.equal(redis(), 1, 'the Service was renamed: the host is no longer a Service of the cluster');
    ws.update('apps/service.yaml', service('cache'));
    assert.equal(redis(), 0);
  });

  it('declared reads of a custom index', () => {
    const ws = baseWorkspace();
    let computed = 0;
    const index = () => ws.derived('test:configmaps', () => ++computed, { kinds: ['ConfigMap'] });
    assert.equal(index(), 1);
    ws.update('apps/web.yaml', deployment('web', 'shop', 'x'));
    ws.update('apps/policy.yaml', policy('x'));
    ws.update('infra/main.tf', 'locals {}\n');
    ws.update('apps/kustomization.yaml', 'resources: []\n');
    assert.equal(index(), 1, 'Deployment, NetworkPolicy, Terraform and kustomization edits: kept');
    ws.update('apps/new.yaml', policy('y'));
    assert.equal(index(), 1, 'no `files` read: an added NetworkPolicy file is irrelevant');
    ws.update('apps/new.yaml', configMap('a'));
    assert.equal(index(), 2, 'its kind became ConfigMap');
    ws.remove('apps/new.yaml');
    assert.equal(index(), 3, 'a ConfigMap file was deleted');
  });
});

// ---- random edits against a fresh lint ----------------------------------------------

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const LINTABLE = /(\.ya?ml|\.tf)$/;

function fromDisk(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of walk(dir).sort()) if (LINTABLE.test(p)) out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
  return out;
}

/** The multi-file rule fixtures of the cross-file areas, each under a folder of its own. */
function fromFixtures(areas: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let n = 0;
  for (const area of areas) {
    const base = join(ROOT, 'test', 'fixtures', 'rules', area);
    for (const p of walk(base).sort()) {
      const name = p.split(/[\\/]/).pop()!;
      if (!/^(firing|quiet)/.test(name) || name.includes('.fixed.')) continue;
      const parsed = parseFixture(readFileSync(p, 'utf8'), name);
      if (parsed.files.some((f) => f.path.endsWith('.blueprint.yaml'))) continue;
      n++;
      for (const f of parsed.files) out.set(`fx${n}/${f.path}`, f.text);
    }
  }
  return out;
}

function syntheticSubset(): Map<string, string> {
  const out = new Map<string, string>();
  const teams = new Set<string>();
  for (const [p, text] of generate(7).files) {
    const team = /^apps\/([^/]+)\//.exec(p)?.[1];
    if (team && team !== 'shop' && !teams.has(team)) {
      if (teams.size >= 2) continue;
      teams.add(team);
    }
    const keep =
      /^(clusters|infrastructure)\//.test(p) ||
      /^apps\/shop\/(namespace|default-deny|networkpolicy-web|kustomization|storefront-0\d)/.test(p) ||
      (team !== undefined && teams.has(team)) ||
      /^terraform\/(platform|modules\/[a-z]+-1)\//.test(p);
    if (keep) out.set(p, text);
  }
  return out;
}

interface Snapshot {
  findings: string;
  errors: string;
}

function lintAll(linter: Linter, ws: Workspace, keys: Iterable<string>): Map<string, LintResult> {
  const out = new Map<string, LintResult>();
  for (const k of keys) out.set(k, linter.lintFile(ws, k));
  return out;
}

/** Findings with their fixes resolved (a lazy fix computes its edits here). */
function serialize(results: Map<string, LintResult>): Snapshot {
  const findings: string[] = [];
  const errors: string[] = [];
  for (const [k, r] of [...results].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    findings.push(`${k}\n${r.findings.map((f) => JSON.stringify(f)).join('\n')}`);
    errors.push(...r.ruleErrors.map((e) => JSON.stringify(e)));
  }
  return { findings: findings.join('\n'), errors: errors.join('\n') };
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return `line ${i}:\n  incremental: ${la[i]}\n  fresh:       ${lb[i]}`;
  return '';
}

/** One random edit of the texts (mirrored into the workspace); returns what it did. */
function randomEdit(r: () => number, texts: Map<string, string>, original: Map<string, string>, trash: Map<string, string>, ws: Workspace, step: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const keys = [...texts.keys()];
  const set = (k: string, text: string) => {
    texts.set(k, text);
    ws.update(k, text);
  };
  const key = pick(keys);
  const text = texts.get(key)!;
  const lines = text.split('\n');
  const op = r();
  if (op < 0.4) {
    // Change a scalar value to another value written for the same key somewhere (labels, namespaces, names, ports).
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[\w./-]+: \S/.test(l));
    if (!candidates.length) return 'none';
    const [line, i] = pick(candidates);
    const m = /^(\s*(?:- )?([\w./-]+): )(.*)$/.exec(line)!;
    const others = [...texts.values()].flatMap((t) => [...t.matchAll(new RegExp(`^\\s*(?:- )?${m[2].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: (\\S.*)$`, 'gm'))].map((x) => x[1]));
    const value = r() < 0.7 && others.length ? pick(others) : `${m[3]}x`;
    lines[i] = m[1] + value;
    set(key, lines.join('\n'));
    return `value ${key}:${i + 1} ${m[2]}: ${value}`;
  }
  if (op < 0.55) {
    // Change a document's kind to another kind of the workspace.
    const i = lines.findIndex((l) => /^kind: /.test(l));
    if (i < 0) return 'none';
    const kinds = [...new Set([...texts.values()].flatMap((t) => [...t.matchAll(/^kind: (\S+)/gm)].map((x) => x[1])))];
    const kind = pick(kinds);
    lines[i] = `kind: ${kind}`;
    set(key, lines.join('\n'));
    return `kind ${key} → ${kind}`;
  }
  if (op < 0.65 && keys.length > 3) {
    texts.delete(key);
    trash.set(key, text);
    ws.remove(key);
    return `delete ${key}`;
  }
  if (op < 0.72 && trash.size) {
    const k = pick([...trash.keys()]);
    set(k, trash.get(k)!);
    trash.delete(k);
    return `restore ${k}`;
  }
  if (op < 0.8) {
    const dir = pick(keys).split('/').slice(0, -1).join('/');
    const k = `${dir ? `${dir}/` : ''}copy-${step}${key.endsWith('.tf') ? '.tf' : '.yaml'}`;
    set(k, text);
    return `copy ${key} → ${k}`;
  }
  if (op < 0.9) {
    // Break the file (the state while typing): cut it, or insert an unbalanced line.
    const at = Math.floor(r() * text.length);
    set(key, r() < 0.5 ? text.slice(0, at) : `${text.slice(0, at)}\n  : [\n${text.slice(at)}`);
    return `break ${key}@${at}`;
  }
  const orig = original.get(key);
  if (orig === undefined || orig === text) return 'none';
  set(key, orig);
  return `revert ${key}`;
}

function propertyTest(name: string, load: () => Map<string, string>, seeds: number[], steps: number): void {
  it(`${name}: lint after random edits equals a fresh lint (seeds ${seeds.join(', ')})`, () => {
    const original = load();
    for (const seed of seeds) {
      const r = rng(seed);
      const texts = new Map(original);
      const trash = new Map<string, string>();
      const ws = new Workspace();
      for (const [k, t] of texts) ws.update(k, t);
      const linter = new Linter(RULES, {});
      lintAll(linter, ws, texts.keys());
      const log: string[] = [];
      let pending: { results: Map<string, LintResult>; fresh: Snapshot; at: number } | undefined;
      for (let step = 0; step < steps; step++) {
        const n = 1 + Math.floor(r() * 3);
        for (let i = 0; i < n; i++) log.push(randomEdit(r, texts, original, trash, ws, step * 10 + i));
        // The previous step's fixes are resolved only now, after the workspace changed again.
        if (pending) check(pending.results, pending.fresh, pending.at);
        const results = lintAll(linter, ws, texts.keys());
        const freshWs = new Workspace();
        for (const [k, t] of texts) freshWs.update(k, t);
        const fresh = serialize(lintAll(new Linter(RULES, {}), freshWs, texts.keys()));
        pending = { results, fresh, at: log.length };
      }
      if (pending) check(pending.results, pending.fresh, pending.at);

      function check(results: Map<string, LintResult>, fresh: Snapshot, at: number): void {
        const got = serialize(results);
        const context = `seed ${seed}, after:\n  ${log.slice(0, at).slice(-8).join('\n  ')}`;
        assert.ok(got.findings === fresh.findings, `${context}\n${firstDifference(got.findings, fresh.findings)}`);
        assert.equal(got.errors, fresh.errors, context);
      }
    }
  });
}

describe('incremental lint equals a fresh lint', () => {
  propertyTest('examples/drupal-aks', () => fromDisk(join(ROOT, 'examples', 'drupal-aks')), [1, 2, 3], 15);
  propertyTest('cross-file rule fixtures', () => fromFixtures(['net', 'tls', 'ref', 'flux', 'drupal', 'secret', 'argo', 'k8s/duplicate-resource', 'k8s/pdb', 'tf']), [4, 5], 8);
  propertyTest('synthetic workspace (part)', syntheticSubset, [6], 10);
  const corpus = join(ROOT, '..', 'shared', 'corpus', 'drupal-aks-flux');
  if (existsSync(corpus)) propertyTest('corpus drupal-aks-flux', () => fromDisk(corpus), [8], 5);
});
