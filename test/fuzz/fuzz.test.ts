// The short fuzz run of `npm test`: 300 core inputs in process, a few LSP
// sessions and one CLI run (scripts/fuzz.ts is the long one). The seed is fixed
// so failures reproduce; BLUEPRINT_FUZZ_SEED=<n> picks another.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { checkCore, describe, loadSeeds, makeInput, rngFor } from './lib';
import { fuzzCli, fuzzLsp } from './frontends';

const SEED = Number(process.env.BLUEPRINT_FUZZ_SEED ?? 20261122);
const CORE_INPUTS = 300;
// npm test shares the machine with builds and other suites: here only a real hang
// fails (speed is the long run's and the benchmark's business, SLOW_MS there).
const HANG_MS = 20_000;

before(async () => {
  assert.equal(await initHclFromDisk(), undefined);
  console.log(`fuzz seed ${SEED} (BLUEPRINT_FUZZ_SEED=${SEED} to replay)`);
});

test(`core: ${CORE_INPUTS} mutated workspaces, no crash, slow input, bad range or bad edit`, () => {
  const seeds = loadSeeds();
  assert.ok(seeds.length > 100, `only ${seeds.length} seed workspaces`);
  const failed: string[] = [];
  let slowest = 0;
  for (let i = 0; i < CORE_INPUTS; i++) {
    const input = makeInput(seeds, SEED, i);
    const res = checkCore(input, rngFor(0x5eed, input.index), HANG_MS);
    slowest = Math.max(slowest, res.ms);
    if (res.failures.length) failed.push(`${describe(input, SEED)}\n  ${res.failures.map((f) => `${f.kind}: ${f.message.split('\n').slice(0, 4).join(' | ')}`).join('\n  ')}`);
  }
  console.log(`core: ${CORE_INPUTS} inputs, slowest ${Math.round(slowest)} ms`);
  assert.deepEqual(failed, []);
});

test('lsp: random incremental edits, the server keeps answering with ranges inside the document', { timeout: 120_000 }, async () => {
  const res = await fuzzLsp(SEED, 3);
  assert.deepEqual(res.failures, []);
});

test('cli: a folder of mutated files exits with 0 or 1', { timeout: 120_000 }, async () => {
  const res = await fuzzCli(SEED, 1);
  assert.deepEqual(res.failures, []);
});
