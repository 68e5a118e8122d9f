import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { ContainerPort, containerPorts, portsMatching, servicePorts, workloadsSelectedByService } from '../../model/joins';
import { setValue } from '../../fixes/yaml-edit';
import type { Fix, RelatedInfo } from '../../types';
import { relatedAt, similarity, workloadName } from './helpers';

const MAX_FIXES = 3;

function portLabel(p: ContainerPort): string {
  return p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort);
}

export default defineRule({
  id: 'ref/service-target-port',
  severity: 'warning',
  category: 'references',
  profile: 'restricted',
  seed: 'All seeds: Services route to the container port the application listens on (drupal-aks-flux: targetPort http → containerPort 8080 named http).',
  docs: "Each Service port's `targetPort` (a number, or the name of a container port; `port` when omitted) must be a port of the containers the Service selects. A named targetPort that no selected container declares gives the Service no endpoints for that port.",
  details:
    'A named `targetPort` is looked up in the `ports` of every container of every selected workload: each workload whose containers lack the name is reported. ' +
    'A numeric `targetPort` works even when a container does not declare it, so it is only reported when the selected containers declare ports and none has that number (usually a typo or a stale port). ' +
    'Services that select nothing are left to `ref/service-selector`. The quick fixes point `targetPort` at one of the declared container ports (by name when the port has one and the Service used a name); they need a human to choose, so `--fix` does not apply them.',
  messages: {
    named: 'targetPort "{target}" of Service "{name}" is not a named port of the containers of {workloads} (they declare {ports}).',
    numbered: 'targetPort {target} of Service "{name}" is not a port of the containers of {workloads} (they declare {ports}).',
    defaulted: 'Port {target} of Service "{name}" sets no targetPort, so it sends to container port {target}, which the containers of {workloads} do not declare (they declare {ports}).',
  },
  fixes: ['Set targetPort to <a declared container port>'],
  appliesTo: ['Service'],
  check(svc, ctx) {
    const selected = workloadsSelectedByService(ctx.model, svc);
    if (selected.length === 0) return;
    for (const sp of servicePorts(svc)) {
      const named = typeof sp.targetPort === 'string';
      const lacking = selected.filter((w) => {
        if (portsMatching(w, sp.targetPort).length > 0) return false;
        // A number reaches the container even if undeclared: only suspicious when ports are declared.
        return named || containerPorts(w).length > 0;
      });
      if (lacking.length === 0) continue;
      const declared = lacking.flatMap((w) => containerPorts(w));
      // Closest first: `htp` → http, 9091 → 9090.
      const byProtocol = declared
        .filter((p) => p.protocol === sp.protocol)
        .map((p) => ({ p, score: named ? similarity(String(sp.targetPort), p.name ?? '') : -Math.abs(Number(sp.targetPort) - p.containerPort) }))
        .sort((a, b) => b.score - a.score)
        .map((x) => x.p);
      const seen = new Set<string>();
      const fixes: Fix[] = [];
      for (const p of byProtocol) {
        const value: string | number = named && p.name ? p.name : p.containerPort;
        if (seen.has(String(value)) || fixes.length >= MAX_FIXES) continue;
        seen.add(String(value));
        const edits = setValue(svc.doc, [...sp.path, 'targetPort'], value);
        if (edits.length) fixes.push({ title: `Set targetPort to ${typeof value === 'string' ? `"${value}"` : value} (container "${p.container.name}" of ${p.workload.object.kind} ${p.workload.object.name ?? ''})`, edits, safe: false });
      }
      const related: RelatedInfo[] = [];
      for (const w of lacking) {
        const ports = containerPorts(w);
        if (ports.length === 0) related.push(relatedAt(w.object, [...w.podSpecPath, 'containers'], `${workloadName(ctx.model, w)} declares no container ports`));
        for (const p of ports) related.push(relatedAt(w.object, p.path, `container "${p.container.name}" of ${workloadName(ctx.model, w)}: port ${portLabel(p)}/${p.protocol}`));
      }
      const portsText = [...new Set(declared.map(portLabel))].join(', ') || 'no ports';
      ctx.report(
        locate(svc, sp.targetPortWritten ? [...sp.path, 'targetPort'] : [...sp.path, 'port']),
        named ? 'named' : sp.targetPortWritten ? 'numbered' : 'defaulted',
        { target: sp.targetPort, name: svc.name ?? '(unnamed)', workloads: lacking.map((w) => workloadName(ctx.model, w)).join(', '), ports: portsText },
        fixes,
        related,
      );
    }
  },
});
