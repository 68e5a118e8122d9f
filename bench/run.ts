// `npm run bench`: the performance measurements of issue 9. Prints a table and writes
// bench/results.json. Uses the bundles in dist/ (build first: `npm run build`).
//
//   node --import tsx bench/run.ts [--rounds N] [--only lsp,cli,propagation] [--edits N]
//
// 1. LSP per-edit latency (didChange -> publishDiagnostics of that version) on
//    gotk-components.yaml (workspace: the drupal-aks-flux corpus) and a 150-line
//    Deployment, for Blueprint (shipped debounce, and debounceMs 0 = server time) and
//    yaml-language-server (schema store off, validation on; its fixed 200 ms debounce,
//    and 0 through bench/yls-no-debounce.cjs).
// 2. CLI cold lint of ../shared/corpus and of the synthetic workspace (bench/synthetic.ts):
//    wall time and peak RSS, against the raw parse floor (bench/parse-floor.ts).
// 3. Propagation: in the synthetic workspace, edit the NetworkPolicy selecting 50
//    workloads of other files; time until all 50 files' diagnostics are republished.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchServer, now, seededEdits, ServerSpec } from './lsp';
import { PROPAGATION_POLICY, PROPAGATION_SELECTOR, PROPAGATION_WORKLOADS, rng, writeSynthetic } from './synthetic';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const FLUX = join(CORPUS, 'drupal-aks-flux');
const GOTK = join(FLUX, 'clusters', 'production', 'flux-system', 'gotk-components.yaml');
const SERVER = join(ROOT, 'dist', 'server', 'main.js');
const CLI = join(ROOT, 'dist', 'server', 'cli.js');
const YLS = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const BP_DEBOUNCE = 150; // protocol.ts DEFAULT_SETTINGS.debounceMs, what the extension ships
const YLS_DEBOUNCE = 200; // yaml-language-server SettingsState.validationDelayMs (not configurable)

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ROUNDS = Number(opt('rounds', '3'));
const EDITS = Number(opt('edits', '200'));
const ONLY_SERVER = opt('server', '');
const ONLY_FILE = opt('file', '');
const ONLY = new Set(opt('only', 'lsp,cli,propagation').split(','));

// ---- statistics -----------------------------------------------------------------------

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => quantile(xs, 0.5);
const r1 = (x: number) => Math.round(x * 10) / 10;

// ---- servers ------------------------------------------------------------------------

function blueprint(debounceMs: number): ServerSpec {
  return {
    name: `blueprint (debounce ${debounceMs} ms)`,
    // BENCH_SERVER_NODE_ARGS: extra node flags (e.g. --cpu-prof); BENCH_SERVER_SOURCE=1: run server/src/main.ts through tsx (readable profiles).
    command: [
      process.execPath,
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...(process.env.BENCH_SERVER_SOURCE ? ['--import', 'tsx', join(ROOT, 'server', 'src', 'main.ts')] : [SERVER]),
      '--stdio',
    ],
    configuration: (section) => (section === 'blueprint' ? { debounceMs } : {}),
  };
}

function yamlLs(debounce: boolean): ServerSpec {
  return {
    name: `yaml-language-server (debounce ${debounce ? YLS_DEBOUNCE : 0} ms)`,
    command: debounce ? [process.execPath, YLS, '--stdio'] : [process.execPath, join(__dirname, 'yls-no-debounce.cjs'), '--stdio'],
    // Validation on, schema store and CRD store off: no network, no schema download.
    configuration: (section) =>
      section === 'yaml'
        ? { validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, schemas: {}, hover: false, completion: false, format: { enable: false } }
        : {},
  };
}

interface EditRun {
  server: string;
  file: string;
  firstDiagnosticsMs: number;
  p50: number;
  p95: number;
  max: number;
  peakRssMb: number;
  edits: number;
}

async function measureEdits(spec: ServerSpec, root: string, file: string, seed: number): Promise<EditRun> {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const { edits } = seededEdits(text, EDITS, rng(seed));
  const server = await BenchServer.start(spec, root);
  try {
    let from = server.published.length;
    const t0 = now();
    await server.open(uri, text, 1);
    const first = await server.waitForPublish(uri, from, 1, 120_000);
    const firstDiagnosticsMs = first.at - t0;
    await server.settle(800); // the workspace scan (Blueprint) and any re-validation
    const latencies: number[] = [];
    let version = 1;
    for (const e of edits) {
      version++;
      from = server.published.length;
      const t = now();
      await server.change(uri, version, [e.change]);
      const p = await server.waitForPublish(uri, from, version, 30_000);
      latencies.push(p.at - t);
    }
    return {
      server: spec.name,
      file,
      firstDiagnosticsMs: r1(firstDiagnosticsMs),
      p50: r1(median(latencies)),
      p95: r1(quantile(latencies, 0.95)),
      max: r1(Math.max(...latencies)),
      peakRssMb: r1(server.peakRssMb()),
      edits: latencies.length,
    };
  } finally {
    await server.stop();
  }
}

/** Median over rounds of each statistic (max: the largest). */
function combine(runs: EditRun[]): EditRun & { rounds: number } {
  return {
    ...runs[0],
    firstDiagnosticsMs: r1(median(runs.map((r) => r.firstDiagnosticsMs))),
    p50: r1(median(runs.map((r) => r.p50))),
    p95: r1(median(runs.map((r) => r.p95))),
    max: r1(Math.max(...runs.map((r) => r.max))),
    peakRssMb: r1(Math.max(...runs.map((r) => r.peakRssMb))),
    rounds: runs.length,
  };
}

// ---- CLI ------------------------------------------------------------------------------

function runTimed(cmd: string[], cwd: string): Promise<{ ms: number; maxRssMb: number; stdout: string; code: number | null }> {
  return new Promise((resolveRun, reject) => {
    const rssFile = join(mkdtempSync(join(tmpdir(), 'bp-rss-')), 'rss');
    const t = now();
    const child = spawn(cmd[0], ['--require', join(__dirname, 'rss-on-exit.cjs'), ...cmd.slice(1)], {
      cwd,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = now() - t;
      const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      rmSync(join(rssFile, '..'), { recursive: true, force: true });
      resolveRun({ ms, maxRssMb: kb / 1024, stdout, code });
    });
  });
}

async function measureCli(label: string, dir: string): Promise<Record<string, unknown>> {
  const walls: number[] = [];
  const rss: number[] = [];
  const floors: number[] = [];
  let files = 0;
  let findings = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const lint = await runTimed([process.execPath, CLI, 'lint', dir, '--format', 'json'], ROOT);
    if (lint.code !== 0 && lint.code !== 1) throw new Error(`blueprint lint ${dir} exited ${lint.code}`);
    walls.push(lint.ms);
    rss.push(lint.maxRssMb);
    findings = (JSON.parse(lint.stdout) as { findings: unknown[] }).findings.length;
    const floor = await runTimed([process.execPath, '--import', 'tsx', join(__dirname, 'parse-floor.ts'), dir], ROOT);
    const f = JSON.parse(floor.stdout) as { ms: number; files: number };
    floors.push(f.ms);
    files = f.files;
  }
  const wall = median(walls);
  const floor = median(floors);
  return { workspace: label, files, findings, wallMs: r1(wall), peakRssMb: r1(Math.max(...rss)), parseFloorMs: r1(floor), ratio: r1(wall / floor), rounds: ROUNDS, walls: walls.map(r1) };
}

// ---- propagation --------------------------------------------------------------------

async function measurePropagation(dir: string, debounceMs: number): Promise<Record<string, unknown>> {
  const server = await BenchServer.start(blueprint(debounceMs), dir);
  const policy = join(dir, PROPAGATION_POLICY);
  const uri = pathToFileURL(policy).href;
  const targets = new Set<string>();
  for (let i = 0; i < PROPAGATION_WORKLOADS; i++) targets.add(pathToFileURL(join(dir, 'apps', 'shop', `storefront-${String(i).padStart(2, '0')}.yaml`)).href);
  try {
    const text = readFileSync(policy, 'utf8');
    const t0 = now();
    await server.open(uri, text, 1);
    // The initial scan: every file linted (the status notification says when it is done).
    await server.waitFor('the workspace scan', () => server.notifications.some((n) => n.method === 'blueprint/status' && (n.params as { scanning?: boolean }).scanning === false) || undefined, 300_000);
    await server.settle(1000, 300_000);
    const scanMs = now() - t0;
    const at = text.indexOf(PROPAGATION_SELECTOR) + PROPAGATION_SELECTOR.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - text.lastIndexOf('\n', at - 1) - 1;
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < ROUNDS * 2; i++) {
      // Odd rounds: 'tier: webx' (the 50 lose their allow policy); even: back to 'tier: web'.
      const uncover = i % 2 === 0;
      version++;
      const from = server.published.length;
      const t = now();
      const change = uncover
        ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
      await server.change(uri, version, [change]);
      const seen = new Set<string>();
      await server.waitFor(`republished diagnostics of ${PROPAGATION_WORKLOADS} workloads`, () => {
        for (let k = from; k < server.published.length; k++) {
          const p = server.published[k].params;
          if (!targets.has(p.uri)) continue;
          const has = p.diagnostics.some((d) => d.code === 'net/policy-coverage');
          if (has === uncover) seen.add(p.uri);
        }
        return seen.size === targets.size || undefined;
      }, 120_000);
      times.push(now() - t);
      await server.settle(500, 300_000);
    }
    return { debounceMs, initialScanMs: r1(scanMs), medianMs: r1(median(times)), maxMs: r1(Math.max(...times)), serverTimeMs: r1(median(times) - debounceMs), times: times.map(r1), peakRssMb: r1(server.peakRssMb()) };
  } finally {
    await server.stop();
  }
}

// ---- main -----------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'blueprint-bench-'));
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtStart: loadavg().map(r1) },
    settings: { edits: EDITS, rounds: ROUNDS, blueprintDebounceMs: BP_DEBOUNCE, yamlLanguageServerDebounceMs: YLS_DEBOUNCE, yamlLanguageServer: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version },
  };
  try {
    const synthetic = join(work, 'synthetic');
    const g = writeSynthetic(synthetic, 42);
    console.error(`synthetic workspace: ${g.manifests} manifests, ${g.terraform} .tf files in ${synthetic}`);

    if (ONLY.has('lsp')) {
      const deployDir = join(work, 'deployment');
      mkdirSync(deployDir);
      const deployment = join(deployDir, 'deployment.yaml');
      copyFileSync(join(__dirname, 'fixtures', 'deployment.yaml'), deployment);
      const targets: { label: string; root: string; file: string }[] = [];
      if (existsSync(GOTK)) targets.push({ label: 'gotk-components.yaml (14,446 lines)', root: FLUX, file: GOTK });
      else console.error(`not found, skipped: ${GOTK}`);
      targets.push({ label: 'deployment.yaml (156 lines)', root: deployDir, file: deployment });
      const lsp: Record<string, unknown>[] = [];
      for (const t of targets) {
        if (ONLY_FILE && !t.label.startsWith(ONLY_FILE)) continue;
        const row: Record<string, unknown> = { file: t.label };
        for (const [key, spec, rounds] of [
          ['blueprint', blueprint(BP_DEBOUNCE), 1],
          ['blueprintServer', blueprint(0), ROUNDS],
          ['yamlLs', yamlLs(true), 1],
          ['yamlLsServer', yamlLs(false), ROUNDS],
        ] as const) {
          if (ONLY_SERVER && !key.startsWith(ONLY_SERVER)) continue;
          const runs: EditRun[] = [];
          for (let i = 0; i < rounds; i++) {
            console.error(`lsp: ${spec.name} on ${t.label}, round ${i + 1}/${rounds}`);
            runs.push(await measureEdits(spec, t.root, t.file, 7));
          }
          row[key] = combine(runs);
        }
        const ratio = (a: string, b: string) => (row[a] && row[b] ? r1((row[b] as EditRun).p50 / (row[a] as EditRun).p50) : undefined);
        row.ratioShipped = ratio('blueprint', 'yamlLs');
        row.ratioServer = ratio('blueprintServer', 'yamlLsServer');
        lsp.push(row);
      }
      results.lsp = lsp;
    }

    if (ONLY.has('cli')) {
      const cli: Record<string, unknown>[] = [];
      if (existsSync(CORPUS)) cli.push(await measureCli('../shared/corpus', CORPUS));
      cli.push(await measureCli('synthetic (2,000 manifests + 200 .tf)', synthetic));
      results.cli = cli;
    }

    if (ONLY.has('propagation')) {
      results.propagation = [];
      for (const d of [BP_DEBOUNCE, 0]) {
        console.error(`propagation: debounce ${d} ms`);
        (results.propagation as unknown[]).push(await measurePropagation(synthetic, d));
      }
    }
    results.loadavgAtEnd = loadavg().map(r1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(table(results));
}

function table(results: Record<string, unknown>): string {
  const out: string[] = [];
  const m = results.machine as Record<string, unknown>;
  out.push(`Blueprint benchmark, ${results.date} — ${m.cpus} × ${m.cpu}, node ${m.node}, load ${(m.loadavgAtStart as number[]).join(' ')} → ${(results.loadavgAtEnd as number[] | undefined)?.join(' ')}`);
  for (const row of (results.lsp as Record<string, unknown>[] | undefined) ?? []) {
    out.push('', `LSP per-edit latency, ${row.file}: didChange → publishDiagnostics (ms, ${EDITS} edits)`);
    out.push('server                                      first diag    p50     p95     max   peak RSS MB');
    for (const k of ['blueprint', 'blueprintServer', 'yamlLs', 'yamlLsServer']) {
      const r = row[k] as EditRun | undefined;
      if (!r) continue;
      out.push(`${r.server.padEnd(42)} ${String(r.firstDiagnosticsMs).padStart(10)} ${String(r.p50).padStart(6)} ${String(r.p95).padStart(7)} ${String(r.max).padStart(7)} ${String(r.peakRssMb).padStart(9)}`);
    }
    out.push(`yaml-language-server p50 / Blueprint p50: ${row.ratioShipped}× with shipped debounces, ${row.ratioServer}× server time`);
  }
  const cli = results.cli as Record<string, unknown>[] | undefined;
  if (cli) {
    out.push('', 'CLI cold lint (`blueprint lint <dir> --format json`, whole process)');
    out.push('workspace                                 files   wall ms  peak RSS MB  parse floor ms  ratio');
    for (const c of cli) out.push(`${String(c.workspace).padEnd(40)} ${String(c.files).padStart(6)} ${String(c.wallMs).padStart(9)} ${String(c.peakRssMb).padStart(12)} ${String(c.parseFloorMs).padStart(15)} ${String(c.ratio).padStart(6)}`);
  }
  const prop = results.propagation as Record<string, unknown>[] | undefined;
  if (prop) {
    out.push('', `Propagation: NetworkPolicy edit → ${PROPAGATION_WORKLOADS} workload files republished (synthetic workspace)`);
    for (const p of prop) out.push(`debounce ${String(p.debounceMs).padStart(3)} ms: median ${p.medianMs} ms, max ${p.maxMs} ms (server time ${p.serverTimeMs} ms); initial scan ${p.initialScanMs} ms; peak RSS ${p.peakRssMb} MB`);
  }
  return out.join('\n');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

