// In-process timing of the core on the synthetic workspace, without LSP or process
// start: load + lint everything, then the propagation edit (the NetworkPolicy
// selecting 50 workloads) and a re-lint of the policy and the 50 workload files.
// For profiling: node --cpu-prof --import tsx bench/in-process.ts
import { Workspace } from '../server/src/core/model/workspace';
import { Linter } from '../server/src/core/rules/engine';
import { RULES } from '../server/src/core/rules/registry';
import { initHclFromDisk } from '../server/src/node/hcl';
import { generate, PROPAGATION_POLICY, PROPAGATION_SELECTOR, PROPAGATION_WORKLOADS } from './synthetic';

async function main(): Promise<void> {
  await initHclFromDisk();
  const { files } = generate(42);
  const ws = new Workspace();
  ws.setRoots(['.']);
  const linter = new Linter(RULES, {});
  let t = performance.now();
  for (const [p, text] of files) ws.update(p, text);
  const loadMs = performance.now() - t;
  t = performance.now();
  for (const p of files.keys()) linter.lintFile(ws, p);
  const lintMs = performance.now() - t;
  const targets = Array.from({ length: PROPAGATION_WORKLOADS }, (_, i) => `apps/shop/storefront-${String(i).padStart(2, '0')}.yaml`);
  const policy = files.get(PROPAGATION_POLICY)!;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const text = i % 2 === 0 ? policy.replace(PROPAGATION_SELECTOR, PROPAGATION_SELECTOR + 'x') : policy;
    t = performance.now();
    ws.update(PROPAGATION_POLICY, text);
    linter.lintFile(ws, PROPAGATION_POLICY);
    let covered = 0;
    for (const p of targets) if (linter.lintFile(ws, p).findings.some((f) => f.ruleId === 'net/policy-coverage')) covered++;
    times.push(performance.now() - t);
    if ((covered === PROPAGATION_WORKLOADS) !== (i % 2 === 0)) throw new Error(`edit ${i}: ${covered} workloads report net/policy-coverage`);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ loadMs: Math.round(loadMs), lintAllMs: Math.round(lintMs), propagationMedianMs: Math.round(times[10] * 10) / 10, propagationMaxMs: Math.round(times[19] * 10) / 10 }));
}

void main();
