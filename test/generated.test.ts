// Everything `npm run gen` derives from the rule registry must be on disk and
// current: rule docs, the index, package.json's generated contributions. Plus
// the manifest facts VS Code relies on (commands, settings, engine version).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/core/rules/registry';
import { ruleDocPath } from '../server/src/core/rules/rule';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { COMMANDS, CONFIG_SECTION } from '../client/src/contributions';
import { GENERATED_CONTRIBUTES_KEYS, generate, readDocs, readPackageJson, ROOT } from '../scripts/gen-docs';

const STALE = 'run npm run gen';
const generated = generate();
const pkg = readPackageJson();
const settings: Record<string, any> = pkg.contributes?.configuration?.properties ?? {};

test('docs/rules matches the registry', () => {
  const onDisk = readDocs();
  for (const [path, text] of generated.docs) {
    assert.ok(onDisk.has(path), `${path} is missing: ${STALE}`);
    assert.ok(onDisk.get(path) === text, `${path} is stale: ${STALE}`);
  }
  for (const path of onDisk.keys()) assert.ok(generated.docs.has(path), `${path} documents no registered rule: ${STALE}`);
});

test("package.json's generated contributions match the registry and the client", () => {
  for (const key of GENERATED_CONTRIBUTES_KEYS) {
    assert.deepEqual(pkg.contributes?.[key], JSON.parse(JSON.stringify(generated.contributes[key])), `contributes.${key} is stale: ${STALE}`);
  }
});

test('generation is deterministic', () => {
  const again = generate();
  assert.deepEqual([...again.docs], [...generated.docs]);
  assert.deepEqual(again.contributes, generated.contributes);
  const rulesReversed = generate([...RULES].reverse());
  assert.deepEqual([...rulesReversed.docs], [...generated.docs], 'registry order must not change the output');
  assert.deepEqual(rulesReversed.contributes, generated.contributes);
});

test('every rule has a doc page and a setting', () => {
  const ruleSettings = settings[`${CONFIG_SECTION}.rules`]?.properties ?? {};
  for (const rule of RULES) {
    assert.ok(existsSync(join(ROOT, ruleDocPath(rule.id))), `${ruleDocPath(rule.id)} is missing: ${STALE}`);
    assert.ok(ruleSettings[rule.id], `blueprint.rules has no entry for ${rule.id}: ${STALE}`);
    assert.deepEqual(ruleSettings[rule.id].enum, ['off', 'hint', 'info', 'warning', 'error']);
  }
  assert.deepEqual(Object.keys(ruleSettings).sort(), RULES.map((r) => r.id).sort(), `blueprint.rules lists other rules than the registry: ${STALE}`);
});

test('every setting matches DEFAULT_SETTINGS and has a description', () => {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const setting = settings[`${CONFIG_SECTION}.${key}`];
    assert.ok(setting, `blueprint.${key} is not contributed`);
    assert.deepEqual(setting.default, value, `blueprint.${key} defaults to ${JSON.stringify(setting.default)}, DEFAULT_SETTINGS says ${JSON.stringify(value)}`);
  }
  assert.ok(settings[`${CONFIG_SECTION}.trace.server`], 'blueprint.trace.server is not contributed');
  for (const [name, setting] of Object.entries(settings)) {
    assert.ok(name.startsWith(`${CONFIG_SECTION}.`), `${name} is outside the blueprint section`);
    assert.ok(typeof setting.markdownDescription === 'string' && setting.markdownDescription.length > 20, `${name} has no description`);
    if (setting.enum && setting.enumDescriptions) assert.equal(setting.enumDescriptions.length, setting.enum.length, `${name}: one description per choice`);
  }
  assert.deepEqual(settings[`${CONFIG_SECTION}.profile`].enum, ['', 'baseline', 'restricted', 'drupal-aks']);
});

test('every contributed command has a title and the Blueprint category, and every client command is contributed', () => {
  const contributed: { command: string; title?: string; category?: string }[] = pkg.contributes?.commands ?? [];
  for (const c of contributed) {
    assert.ok(c.title && c.title.trim(), `${c.command} has no title`);
    assert.equal(c.category, 'Blueprint', `${c.command} is not in the Blueprint category`);
    assert.match(c.command, /^blueprint\./);
  }
  const ids = contributed.map((c) => c.command);
  for (const c of Object.values(COMMANDS)) assert.ok(ids.includes(c.command), `${c.command} is registered by the client but not contributed: ${STALE}`);
  for (const m of pkg.contributes?.menus?.commandPalette ?? []) assert.ok(ids.includes(m.command), `menu entry for unknown command ${m.command}`);
});

/** The lowest version a `^x.y.z`, `>=x.y.z` or `x.y.z` range admits. */
function minimumOf(range: string): [number, number, number] {
  const m = /^(?:\^|>=|~)?\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(m, `cannot read the version range "${range}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

test('engines.vscode allows VS Code 1.100 and is not older than @types/vscode', () => {
  const engine = pkg.engines?.vscode as string;
  assert.ok(engine, 'engines.vscode is missing');
  const [major, minor] = minimumOf(engine);
  assert.equal(major, 1);
  assert.ok(minor <= 100, `engines.vscode "${engine}" excludes VS Code 1.100`);
  // vsce refuses to package when the typings promise newer APIs than the engine.
  const [, typesMinor] = minimumOf(pkg.devDependencies['@types/vscode']);
  assert.ok(typesMinor <= minor, `@types/vscode ${pkg.devDependencies['@types/vscode']} is newer than engines.vscode ${engine}`);
});

test('the manifest activates on YAML and Terraform, points at the client bundle, and the schema it names exists', () => {
  for (const event of ['onLanguage:yaml', 'onLanguage:terraform', 'workspaceContains:**/.blueprint.yaml']) {
    assert.ok(pkg.activationEvents.includes(event), `activationEvents lacks ${event}`);
  }
  assert.equal(pkg.main, './dist/client/extension.js');
  assert.equal(pkg.contributes.languages?.some((l: { id: string }) => l.id === 'yaml') ?? false, false, 'the yaml language belongs to the YAML extension');
  for (const v of pkg.contributes.yamlValidation) assert.ok(existsSync(join(ROOT, v.url)), `${v.url} does not exist`);
});

test('.vscodeignore ships the bundles and docs, not the sources', () => {
  const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const excluded of ['client/**', 'server/**', 'test/**', 'scripts/**', 'node_modules/**', '**/*.map']) {
    assert.ok(lines.includes(excluded), `.vscodeignore should exclude ${excluded}`);
  }
  for (const kept of ['dist/**', 'docs/rules/**', 'schemas/**']) {
    assert.ok(!lines.includes(kept), `.vscodeignore must not exclude ${kept}`);
  }
});
