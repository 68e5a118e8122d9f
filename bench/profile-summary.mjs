// Summarise a V8 .cpuprofile (node --cpu-prof): top functions by self and inclusive time.
//   node bench/profile-summary.mjs <file.cpuprofile> [N]
import { readFileSync } from 'node:fs';
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const N = Number(process.argv[3] ?? 30);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas; const samples = prof.samples;
const selfTime = new Map();
for (let i = 0; i < samples.length; i++) selfTime.set(samples[i], (selfTime.get(samples[i]) ?? 0) + (dt[i] ?? 0));
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map(), inclBy = new Map();
let total = 0;
for (const [id, t] of selfTime) {
  total += t;
  const n = byId.get(id);
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue; seen.add(l);
    inclBy.set(l, (inclBy.get(l) ?? 0) + t);
  }
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, N).map(([l, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms  ${l}`).join('\n');
console.log(`total ${(total / 1000).toFixed(0)} ms\n-- self --\n${top(selfBy)}\n-- inclusive --\n${top(inclBy)}`);
