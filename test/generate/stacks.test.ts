// Every stack generator, the same acceptance: generated with the examples of its
// required fields into a temporary folder, the stack lints with no error and no
// warning under its own profile, its Terraform parses without a syntax error,
// every kustomization.yaml builds with `kubectl kustomize`, it is deterministic,
// junk input gives problems (never a throw) and the editor metadata is sound.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { safeRelativePath, STACK_GENERATORS } from '../../server/src/core/generate';
import type { StackGenerator } from '../../server/src/core/generate';
import { parseHcl } from '../../server/src/core/syntax/hcl';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { runLint } from '../../server/src/cli/lint';

before(async () => assert.equal(await initHclFromDisk(), undefined));

/** The examples of the required fields: what a user must give at the least. */
export function minimalInput(g: StackGenerator): Record<string, string> {
  return Object.fromEntries(g.fields.filter((f) => f.required).map((f) => [f.key, f.example]));
}

function writeStack(files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-stack-'));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const noKubectl = kubectl.error || kubectl.status !== 0 ? 'kubectl is not installed on this machine: the kustomize builds are not checked' : false;

test('there are generators for the seed systems, with unique ids and seeds', () => {
  assert.ok(STACK_GENERATORS.length >= 1);
  assert.equal(new Set(STACK_GENERATORS.map((g) => g.id)).size, STACK_GENERATORS.length);
  assert.equal(new Set(STACK_GENERATORS.map((g) => g.seed)).size, STACK_GENERATORS.length);
});

for (const g of STACK_GENERATORS) {
  test(`${g.id}: fields, asked fields, examples and defaults are consistent`, () => {
    const keys = new Set(g.fields.map((f) => f.key));
    assert.equal(keys.size, g.fields.length, 'duplicate field keys');
    for (const k of g.asked) assert.ok(keys.has(k), `asked field ${k} is not a field`);
    for (const f of g.fields) {
      if (f.required) assert.ok(g.asked.includes(f.key), `required field ${f.key} must be asked in the editor`);
      assert.equal(f.validate(f.example), undefined, `the example of ${f.key} must be valid`);
      if (typeof f.default === 'string') assert.equal(f.validate(f.default), undefined, `the default of ${f.key} must be valid`);
    }
    assert.ok(safeRelativePath(g.defaultFolder), g.defaultFolder);
  });

  test(`${g.id}: generates, lints with no error or warning under the ${g.profile} profile, and its Terraform parses`, () => {
    const result = g.generate(minimalInput(g));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    for (const rel of result.files.keys()) assert.ok(safeRelativePath(rel), rel);
    assert.ok(result.files.has('README.md'), 'a README for the generated repository');
    assert.ok(result.files.has('.blueprint.yaml'), 'a .blueprint.yaml that names the profile');
    assert.ok(result.files.has(g.openAfter(minimalInput(g))), `openAfter names a generated file: ${g.openAfter(minimalInput(g))}`);
    for (const [rel, text] of result.files) {
      if (!rel.endsWith('.tf')) continue;
      const parsed = parseHcl(text);
      assert.ok(parsed, 'the HCL parser is ready');
      assert.deepEqual(parsed.errors.map((e) => `${rel}: ${e.message}`), [], `${rel} parses`);
    }
    const dir = writeStack(result.files);
    try {
      const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
      assert.equal(report.profile?.name, g.profile);
      assert.deepEqual(report.ruleErrors, []);
      assert.deepEqual(report.skipped, []);
      const serious = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.severity} ${f.ruleId} ${f.file}:${(report.sources.get(f.file)?.position(f.span.start).line ?? -1) + 1}: ${f.message}`);
      assert.deepEqual(serious, [], 'errors and warnings on the generated stack');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${g.id}: kubectl kustomize builds every kustomization.yaml`, { skip: noKubectl }, () => {
    const result = g.generate(minimalInput(g));
    assert.ok(result.ok);
    const kustomizations = [...result.files.keys()].filter((p) => p === 'kustomization.yaml' || p.endsWith('/kustomization.yaml'));
    if (kustomizations.length === 0) return; // a Terraform-only stack
    const dir = writeStack(result.files);
    try {
      for (const k of kustomizations) {
        const r = spawnSync('kubectl', ['kustomize', join(dir, dirname(k))], { encoding: 'utf8' });
        assert.equal(r.status, 0, `kubectl kustomize ${dirname(k)} failed:\n${r.stderr}`);
        assert.match(r.stdout, /^apiVersion: /m, `kubectl kustomize ${dirname(k)} built nothing`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${g.id}: deterministic; missing or junk input gives problems, never a throw`, () => {
    const a = g.generate(minimalInput(g));
    const b = g.generate({ ...minimalInput(g) });
    assert.ok(a.ok && b.ok);
    assert.deepEqual([...a.files], [...b.files]);
    const required = g.fields.filter((f) => f.required);
    if (required.length) {
      const missing = g.generate({});
      assert.ok(!missing.ok);
      assert.deepEqual(missing.problems.map((p) => p.field).sort(), required.map((f) => f.key).sort());
    }
    for (const junk of [null, undefined, 42, 'x', [], { [g.fields[0].key]: 7 }]) assert.doesNotThrow(() => g.generate(junk as never));
  });
}
