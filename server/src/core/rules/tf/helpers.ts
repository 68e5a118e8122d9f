// Shared pieces of the Terraform rules: where a finding goes, how a value is
// quoted in a message, the AKS network policy fix, port ranges.
import { setAttribute, insertAttributes, insertBlock, type HclScalar } from '../../fixes/hcl-edit';
import { asString, attr, attributeSpan, EvalScope, evaluate, headerSpanOf, HclAttribute, HclBlock, nested, TfBlock, TfEval } from '../../model/terraform';
import type { Fix, Span } from '../../types';
import type { RuleContext } from '../rule';

/** The attribute at fault (name = value on one line), or the block's keyword and labels when it is absent. */
export function spanOf(ctx: RuleContext, block: TfBlock | HclBlock, a?: HclAttribute): Span {
  if (a) return attributeSpan(ctx.file.text, a);
  return 'headerSpan' in block ? block.headerSpan : headerSpanOf(block);
}

/** A value for a message, with where it came from: `true`, `true, the default of var.x`. */
export function shown(v: TfEval): string {
  const s = v.known ? JSON.stringify(v.value) : 'unknown';
  if (!v.known || !v.via) return s;
  return v.via.name.startsWith('var.') ? `${s}, the default of ${v.via.name}` : `${s}, from ${v.via.name}`;
}

/**
 * The fix for a setting: set the attribute when it is written (unsafe: it undoes
 * a deliberate value), insert it when absent (safe unless `safeInsert` is false).
 */
export function settingFix(ctx: RuleContext, block: HclBlock, a: HclAttribute | undefined, name: string, value: HclScalar, options: { title?: string; safeInsert?: boolean } = {}): Fix {
  const title = options.title ?? `Set ${name} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
  if (a) return { title, edits: setAttribute(a, value), safe: false };
  return { title, edits: insertAttributes(ctx.file.text, block, [[name, value]]), safe: options.safeInsert ?? true };
}

/** A version like "1.0" / "TLS1_1" / "TLSv1.1" as a number (1.0, 1.1); undefined when not a version. */
export function tlsVersion(v: string): number | undefined {
  const m = /(\d)(?:[._](\d))?/.exec(v);
  if (!m) return undefined;
  return Number(`${m[1]}.${m[2] ?? '0'}`);
}

// ---- AKS network policy (tf/azure-aks-network-policy, net/policy-engine) ------------------------

export interface AksPolicyState {
  profile?: HclBlock;
  policy?: HclAttribute;
  /** The engine the cluster runs, if any. */
  engine?: string;
}

export function aksPolicyState(b: TfBlock, scope: EvalScope): AksPolicyState {
  const profile = nested(b.block, 'network_profile')[0];
  const policy = profile && attr(profile, 'network_policy');
  const value = policy ? evaluate(policy.value, scope) : undefined;
  let engine: string | undefined;
  if (policy && value) {
    // An expression Blueprint cannot evaluate is given the benefit of the doubt.
    if (!value.known) engine = 'unknown';
    else if (typeof value.value === 'string' && value.value.trim() && value.value.toLowerCase() !== 'none') engine = value.value;
  }
  return { profile, policy, engine };
}

/** Where to report a cluster without a policy engine: network_policy, else network_profile, else the cluster. */
export function aksPolicySpan(ctx: RuleContext, b: TfBlock, s: AksPolicyState): Span {
  if (s.policy) return spanOf(ctx, b, s.policy);
  if (s.profile) return headerSpanOf(s.profile);
  return b.headerSpan;
}

/**
 * Add `network_policy`: "azure" with Azure CNI, "calico" with kubenet (Azure's
 * engine needs Azure CNI), "cilium" with the Cilium data plane. Without a
 * network_profile the whole block is added with Azure CNI: that changes the
 * network plugin (a new cluster), so it is not applied by fix-all.
 */
export function aksPolicyFix(ctx: RuleContext, b: TfBlock, s: AksPolicyState, scope: EvalScope): Fix[] {
  const text = ctx.file.text;
  if (!s.profile) {
    return [{ title: 'Add a network_profile with network_policy = "azure"', edits: insertBlock(text, b.block, 'network_profile', [['network_plugin', 'azure'], ['network_policy', 'azure']]), safe: false }];
  }
  const plugin = asString(evaluate(attr(s.profile, 'network_plugin')?.value, scope))?.toLowerCase();
  const dataPlane = asString(evaluate(attr(s.profile, 'network_data_plane')?.value ?? attr(s.profile, 'ebpf_data_plane')?.value, scope))?.toLowerCase();
  const engine = dataPlane === 'cilium' ? 'cilium' : plugin === 'kubenet' ? 'calico' : 'azure';
  if (s.policy) return [{ title: `Set network_policy = "${engine}"`, edits: setAttribute(s.policy, engine), safe: false }];
  return [{ title: `Add network_policy = "${engine}"`, edits: insertAttributes(text, s.profile, [['network_policy', engine]]) }];
}

// ---- ports ----------------------------------------------------------------------------------

export const WELL_KNOWN_PORTS: Record<number, string> = {
  21: 'FTP', 22: 'SSH', 23: 'Telnet', 25: 'SMTP', 53: 'DNS', 135: 'RPC', 139: 'NetBIOS', 445: 'SMB', 1433: 'SQL Server', 1521: 'Oracle',
  2049: 'NFS', 2375: 'Docker', 2379: 'etcd', 3306: 'MySQL', 3389: 'RDP', 5432: 'PostgreSQL', 5439: 'Redshift', 5601: 'Kibana', 5900: 'VNC',
  6379: 'Redis', 6380: 'Redis TLS', 6443: 'Kubernetes API', 8080: 'HTTP alternate', 9042: 'Cassandra', 9200: 'Elasticsearch', 10250: 'kubelet', 11211: 'Memcached', 27017: 'MongoDB',
};

export const DATABASE_PORTS: Record<number, string> = {
  3306: 'MySQL', 5432: 'PostgreSQL', 1433: 'SQL Server', 1521: 'Oracle', 27017: 'MongoDB', 6379: 'Redis', 6380: 'Redis', 5439: 'Redshift', 9042: 'Cassandra', 11211: 'Memcached',
};

export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };
const WEB_PORTS = new Set([80, 443]);

/** Whether a range opens anything besides 80 and 443. */
export function beyondWeb(r: PortRange): boolean {
  if (r.to - r.from > 2) return true;
  for (let p = r.from; p <= r.to; p++) if (!WEB_PORTS.has(p)) return true;
  return false;
}

export function describePorts(ranges: readonly PortRange[]): string {
  const parts = ranges.map((r) => {
    if (r.from <= 0 && r.to >= 65535) return 'all ports';
    if (r.from === r.to) return WELL_KNOWN_PORTS[r.from] ? `port ${r.from} (${WELL_KNOWN_PORTS[r.from]})` : `port ${r.from}`;
    return `ports ${r.from}-${r.to}`;
  });
  return [...new Set(parts)].join(', ');
}

/** "22", "1000-2000", "*" (NSG port syntax) as a range. */
export function parsePortRange(s: string): PortRange | undefined {
  const t = s.trim();
  if (t === '*' || t.toLowerCase() === 'any') return ALL_PORTS;
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] !== undefined ? Number(m[2]) : from };
}
