// `npm run fuzz [-- --seed N --count N --minutes N --jobs N --only I --lsp N --cli N]`
//
// Mutates the rule fixtures and ../shared/corpus (test/fuzz/lib.ts) and checks the
// core's properties on every input; then a few LSP sessions (random incremental
// didChange sequences) and CLI runs on mutated files. The core inputs run in child
// processes (`--worker`) watched by this one: a child that reports nothing for
// HANG_MS is killed and the input it was on is reported as a hang. Exit code 1 when
// anything failed. Every input is a pure function of (seed, index): replay one
// with `--seed S --only I`.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { initHclFromDisk } from '../server/src/node/hcl';
import { checkCore, describe, loadSeeds, makeInput } from '../test/fuzz/lib';
import { fuzzCli, fuzzLsp } from '../test/fuzz/frontends';

const HANG_MS = 20_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v;
}

const seed = flag('seed', Math.floor(Math.random() * 2 ** 31));
const count = flag('count', 20_000);
const minutes = flag('minutes', 10);
const jobs = flag('jobs', Math.max(1, Math.min(4, cpus().length)));
const only = flag('only', -1);
const lspSessions = flag('lsp', 10);
const cliRuns = flag('cli', 5);

async function worker(): Promise<void> {
  await initHclFromDisk();
  const seeds = loadSeeds();
  const shard = flag('shard', 0);
  const deadline = Date.now() + minutes * 60_000;
  for (let i = shard; i < count; i += jobs) {
    if (Date.now() > deadline) break;
    const input = makeInput(seeds, seed, i);
    process.stdout.write(`start ${i}\n`);
    const res = checkCore(input);
    process.stdout.write(JSON.stringify({ i, ms: Math.round(res.ms), failures: res.failures }) + '\n');
  }
}

interface Failed {
  index: number;
  what: string;
  failures: { kind: string; message: string }[];
}

async function runShards(): Promise<{ tried: number; failed: Failed[]; slowest: { i: number; ms: number } }> {
  const seeds = loadSeeds();
  const failed: Failed[] = [];
  let tried = 0;
  let slowest = { i: -1, ms: 0 };
  const shard = (k: number, from: number) =>
    new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--worker', '--seed', String(seed), '--count', String(count), '--jobs', String(jobs), '--shard', String(from), '--minutes', String(minutes)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          failed.push({ index: current, what: describe(makeInput(seeds, seed, current), seed), failures: [{ kind: 'hang', message: `no answer for ${HANG_MS} ms` }] });
          child.kill('SIGKILL');
        }, HANG_MS);
      };
      arm();
      createInterface({ input: child.stdout }).on('line', (line) => {
        arm();
        if (line.startsWith('start ')) {
          current = Number(line.slice(6));
          return;
        }
        const r = JSON.parse(line) as { i: number; ms: number; failures: Failed['failures'] };
        tried++;
        if (r.ms > slowest.ms) slowest = { i: r.i, ms: r.ms };
        if (r.failures.length) {
          failed.push({ index: r.i, what: describe(makeInput(seeds, seed, r.i), seed), failures: r.failures });
          console.log(`FAIL ${describe(makeInput(seeds, seed, r.i), seed)}\n  ${r.failures.map((f) => `${f.kind}: ${f.message.split('\n').slice(0, 6).join('\n    ')}`).join('\n  ')}`);
        }
        if (tried % 1000 === 0) console.log(`… ${tried} inputs, ${failed.length} failing`);
      });
      child.on('exit', () => {
        clearTimeout(timer);
        // A killed child (hang): carry on after the input it was stuck on.
        if (current >= 0 && failed.some((f) => f.index === current && f.failures[0].kind === 'hang')) void shard(k, current + jobs).then(resolve);
        else resolve();
      });
    });
  await Promise.all(Array.from({ length: jobs }, (_, k) => shard(k, k)));
  return { tried, failed, slowest };
}

async function main(): Promise<void> {
  if (process.argv.includes('--worker')) return worker();
  console.log(`blueprint fuzz: seed ${seed} (replay with --seed ${seed}), up to ${count} core inputs in ${minutes} min, ${jobs} jobs`);
  if (only >= 0) {
    await initHclFromDisk();
    const input = makeInput(loadSeeds(), seed, only);
    console.log(describe(input, seed));
    const res = checkCore(input);
    console.log(JSON.stringify(res, null, 2));
    process.exitCode = res.failures.length ? 1 : 0;
    return;
  }
  const t0 = Date.now();
  const core = await runShards();
  console.log(`core: ${core.tried} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${core.failed.length} failing, slowest ${core.slowest.ms} ms (input ${core.slowest.i})`);
  const lsp = await fuzzLsp(seed, lspSessions);
  console.log(`lsp: ${lsp.sessions} sessions, ${lsp.changes} changes, ${lsp.failures.length} failing`);
  for (const f of lsp.failures) console.log(`FAIL lsp ${f}`);
  const cli = await fuzzCli(seed, cliRuns);
  console.log(`cli: ${cli.runs} runs over ${cli.files} files, ${cli.failures.length} failing`);
  for (const f of cli.failures) console.log(`FAIL cli ${f}`);
  const total = core.failed.length + lsp.failures.length + cli.failures.length;
  console.log(total ? `${total} failures (seed ${seed})` : `no failures (seed ${seed})`);
  process.exitCode = total ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
