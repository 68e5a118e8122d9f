// Runs every annotated fixture under test/fixtures/rules/<area>/<rule>/.
// firing*.yaml must report, quiet*.yaml must not, and X.fixed.yaml is what
// applying every safe fix to X.yaml gives. BLUEPRINT_UPDATE_FIXTURES=1 rewrites
// the expectations from the actual output (review the diff!).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { Workspace } from '../server/src/core/model/workspace';
import { Linter, fixFile } from '../server/src/core/rules/engine';
import { RULES } from '../server/src/core/rules/registry';
import { applyEdits, Finding } from '../server/src/core/types';
import { parseFixture, renderFixture } from './harness/fixtures';
import { initHclFromDisk } from '../server/src/node/hcl';

// Terraform fixtures need the HCL parser (WASM, initialised asynchronously).
before(async () => assert.equal(await initHclFromDisk(), undefined));

const ROOT = join(__dirname, 'fixtures', 'rules');
const UPDATE = process.env.BLUEPRINT_UPDATE_FIXTURES === '1';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const FIXTURE = /\.(ya?ml|tf)$/;
const fixtures = walk(ROOT).filter((p) => FIXTURE.test(p) && !/\.fixed\.(ya?ml|tf)$/.test(p));

function ruleIdOf(path: string): string {
  const rel = relative(ROOT, path).split(/[\\/]/);
  return `${rel[0]}/${rel[1]}`;
}

function lintFixture(path: string) {
  const ruleId = ruleIdOf(path);
  const text = readFileSync(path, 'utf8');
  const parsed = parseFixture(text, basename(path).replace(/\.fixed(?=\.)/, ''));
  const ids = new Set([ruleId, ...parsed.extraRules]);
  const config = { rules: Object.fromEntries(RULES.map((r) => [r.id, ids.has(r.id) ? r.severity : 'off'] as const)) };
  const linter = new Linter(RULES, config);
  const ws = new Workspace();
  for (const f of parsed.files) ws.update(f.path, f.text);
  const lintAll = () => {
    const findings: Finding[] = [];
    for (const f of parsed.files) {
      const r = linter.lintFile(ws, f.path);
      assert.deepEqual(r.ruleErrors, [], `rule errors in ${f.path}`);
      findings.push(...r.findings);
    }
    return findings;
  };
  const header = text.split('\n').filter((l) => /^#- rules: /.test(l));
  return { ruleId, text, parsed, linter, ws, lintAll, header, multi: text.split('\n').some((l) => /^#- file: /.test(l)) };
}

for (const path of fixtures) {
  const name = relative(ROOT, path);
  test(`fixture ${name}`, () => {
    const fx = lintFixture(path);
    const findings = fx.lintAll();
    const texts = new Map(fx.parsed.files.map((f) => [f.path, f.text]));
    const rendered = renderFixture(fx.parsed, texts, findings, fx.multi, fx.header);
    if (UPDATE && rendered !== fx.text) writeFileSync(path, rendered);
    else assert.equal(rendered, fx.text, `findings differ from the annotations in ${name}`);

    const kind = basename(path);
    if (kind.startsWith('quiet')) assert.equal(findings.length, 0, `${name} is a quiet fixture but reports`);
    if (kind.startsWith('firing')) assert.ok(findings.some((f) => f.ruleId === fx.ruleId), `${name} is a firing fixture but ${fx.ruleId} does not report`);

    // Every fix, applied alone, leaves valid YAML and removes at least its own finding.
    for (const f of findings) {
      for (const fix of f.fixes) {
        const before = fx.ws.get(f.file)!.text;
        const after = applyEdits(before, fix.edits);
        // Files the fix creates or edits besides the finding's own (Fix.otherFiles).
        const others = new Map<string, string>();
        for (const o of fix.otherFiles ?? []) {
          if (o.create !== undefined) assert.ok(!fx.ws.has(o.file), `fix "${fix.title}" creates ${o.file}, which exists`);
          const base = o.create ?? fx.ws.get(o.file)?.text;
          assert.ok(base !== undefined, `fix "${fix.title}" edits ${o.file}, which does not exist`);
          others.set(o.file, applyEdits(base, o.edits ?? []));
        }
        assert.ok(after !== before || others.size > 0, `fix "${fix.title}" changes nothing`);
        const scratch = new Workspace();
        for (const file of fx.parsed.files) scratch.update(file.path, file.path === f.file ? after : others.get(file.path) ?? file.text);
        for (const [k, t] of others) if (!scratch.has(k)) scratch.update(k, t);
        for (const k of [f.file, ...others.keys()]) {
          const syntax = scratch.get(k)!.yaml?.documents.flatMap((d) => d.problems) ?? [];
          assert.deepEqual(syntax.map((p) => p.message), [], `fix "${fix.title}" breaks the YAML of ${k}:\n${scratch.get(k)!.text}`);
          const hcl = scratch.get(k)!.hcl?.errors ?? [];
          assert.deepEqual(hcl.map((p) => p.message), [], `fix "${fix.title}" breaks the HCL of ${k}:\n${scratch.get(k)!.text}`);
        }
        const again = fx.linter.lintFile(scratch, f.file).findings.filter((x) => x.ruleId === f.ruleId && x.object === f.object);
        const beforeCount = findings.filter((x) => x.ruleId === f.ruleId && x.object === f.object && x.file === f.file).length;
        assert.ok(again.length < beforeCount, `fix "${fix.title}" does not remove the finding "${f.message}":\n${after}`);
      }
    }

    const fixedPath = path.replace(/\.(ya?ml|tf)$/, '.fixed.$1');
    if (existsSync(fixedPath) || (UPDATE && findings.some((f) => f.fixes.length))) {
      const fixedTexts = new Map<string, string>();
      for (const f of fx.parsed.files) fixedTexts.set(f.path, fixFile(fx.linter, fx.ws, f.path).text);
      const remaining = fx.lintAll();
      const renderedFixed = renderFixture(fx.parsed, fixedTexts, remaining, fx.multi, fx.header);
      if (UPDATE) writeFileSync(fixedPath, renderedFixed);
      else assert.equal(renderedFixed, readFileSync(fixedPath, 'utf8'), `fix-all result differs from ${relative(ROOT, fixedPath)}`);
    }
  });
}

test('every registered rule has docs, a firing and a quiet fixture', () => {
  const missing: string[] = [];
  for (const rule of RULES) {
    if (!rule.docs || rule.docs.length < 20) missing.push(`${rule.id}: docs`);
    if (rule.id === 'meta/unused-suppression' || rule.id === 'meta/config') continue; // tested in test/core/suppress.test.ts and config.test.ts
    const dir = join(ROOT, rule.id);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    if (!files.some((f) => f.startsWith('firing'))) missing.push(`${rule.id}: firing fixture`);
    if (!files.some((f) => f.startsWith('quiet'))) missing.push(`${rule.id}: quiet fixture`);
    if (rule.fixes?.length && !files.some((f) => /\.fixed\./.test(f))) missing.push(`${rule.id}: *.fixed fixture`);
  }
  assert.deepEqual(missing, []);
});
