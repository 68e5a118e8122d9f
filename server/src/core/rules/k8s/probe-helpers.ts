// Shared by k8s/readiness-probe and k8s/liveness-probe: which containers need a
// probe, whether the one they have can work, and the probe the quick fix adds.
import type { Container, K8sObject, Workload } from '../../model/k8s';
import { locate, workloadOf } from '../../model/k8s';
import { insertEntries } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import type { RuleContext } from '../rule';
import { containerLabel } from './container-helpers';

export type ProbeKey = 'readinessProbe' | 'livenessProbe';

/** The ways a probe can check a container; a probe with none of them is rejected by the API server. */
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

/** Container ports that usually speak HTTP (and the ones among them that speak HTTPS). */
const HTTP_PORTS = new Set([80, 443, 3000, 5000, 8000, 8080, 8443]);
const HTTPS_PORTS = new Set([443, 8443]);

export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Containers that run for the life of the pod, in workloads that do not run to
 * completion: the regular containers, plus native sidecars (init containers with
 * `restartPolicy: Always`), which keep running and take probes. Other init
 * containers and ephemeral containers may not have probes.
 */
export function longRunningContainers(w: Workload): Container[] {
  if (w.runsToCompletion) return [];
  return w.containers.filter((c) => c.group === 'containers' || (c.group === 'initContainers' && c.value.restartPolicy === 'Always'));
}

/** The first TCP port of a container, by name when it has one (names survive renumbering). */
export function firstTcpPort(c: Container): { ref: string | number; number?: number; name?: string } | undefined {
  const ports = c.value.ports;
  if (!Array.isArray(ports)) return undefined;
  for (const p of ports) {
    if (!isRecord(p)) continue;
    const protocol = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP';
    if (protocol !== 'TCP') continue; // a tcpSocket or httpGet probe cannot reach a UDP or SCTP port
    const number = typeof p.containerPort === 'number' ? p.containerPort : undefined;
    const name = typeof p.name === 'string' && p.name !== '' ? p.name : undefined;
    if (name) return { ref: name, number, name };
    if (number !== undefined) return { ref: number, number };
  }
  return undefined;
}

interface ProbeChoice {
  title: string;
  entries: Record<string, unknown>;
  /** Whether --fix and fix-all may apply it without a human reading it. */
  safe: boolean;
}

/**
 * The probes the quick fix can add, best first:
 * - an HTTP-looking port (80, 8080, 443, 8443, 3000, 5000, 8000, or named http*):
 *   an httpGet on `/`, offered in the editor only (a `/` that answers 404, or 400
 *   to an unexpected Host header, would keep every pod unready), followed by a
 *   tcpSocket probe on the same port, which fix-all applies;
 * - another TCP port: a tcpSocket probe on it;
 * - no TCP port: an exec placeholder whose command fails until a human replaces
 *   it, offered in the editor only (a probe that always passes would silence the
 *   rule without checking anything).
 */
export function probeChoices(c: Container, probe: ProbeKey, timing: ProbeTiming): ProbeChoice[] {
  const port = firstTcpPort(c);
  if (!port) {
    return [
      {
        title: `Add an exec ${probe} placeholder (fails until you replace its command)`,
        entries: { exec: { command: ['sh', '-c', 'echo "replace with a real health check" >&2; exit 1'] }, ...timing },
        safe: false,
      },
    ];
  }
  const name = port.name?.toLowerCase() ?? '';
  const https = (port.number !== undefined && HTTPS_PORTS.has(port.number)) || name.startsWith('https');
  const http = https || (port.number !== undefined && HTTP_PORTS.has(port.number)) || name.startsWith('http');
  const tcp: ProbeChoice = { title: `Add a tcpSocket ${probe} on port ${port.ref}`, entries: { tcpSocket: { port: port.ref }, ...timing }, safe: true };
  if (!http) return [tcp];
  const httpGet = https ? { path: '/', port: port.ref, scheme: 'HTTPS' } : { path: '/', port: port.ref };
  const title = `Add an httpGet ${probe} (GET /${https ? ' over HTTPS' : ''} on port ${port.ref})`;
  return [{ title, entries: { httpGet, ...timing }, safe: false }, tcp];
}

/** The check both probe rules run: report containers whose probe is missing or has no handler. */
export function checkProbes(obj: K8sObject, ctx: RuleContext<'missing' | 'noHandler'>, probe: ProbeKey, timing: ProbeTiming): void {
  const w = workloadOf(obj);
  if (!w) return;
  for (const c of longRunningContainers(w)) {
    const value = c.value[probe];
    const present = value !== undefined && value !== null;
    if (present && isRecord(value) && PROBE_HANDLERS.some((h) => value[h] !== undefined && value[h] !== null)) continue;
    // An empty probe map only needs its handler; a missing (or `probe:` with no value) gets the whole probe.
    const fixes: Fix[] = [];
    for (const choice of probeChoices(c, probe, timing)) {
      const entries = present ? Object.fromEntries(Object.entries(choice.entries).filter(([k]) => PROBE_HANDLERS.includes(k))) : choice.entries;
      const edits = insertEntries(obj.doc, [...c.path, probe], entries);
      if (edits.length) fixes.push({ title: choice.title, edits, safe: choice.safe });
    }
    const span = present ? locate(obj, [...c.path, probe], 'key') : locate(obj, [...c.path, probe]);
    ctx.report(span, present ? 'noHandler' : 'missing', { container: containerLabel(c) }, fixes);
  }
}
