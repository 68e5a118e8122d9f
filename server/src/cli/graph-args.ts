// Arguments and help of `blueprint graph` (kept apart from graph.ts so the
// argument parser does not load the layout engine).
import type { ProfileName } from '../core/rules/rule';
import { PROFILES } from '../core/rules/rule';
import { TOPOLOGY_VIEWS, type TopologyView } from '../core/topology/types';
import { oneOf, tokenizeOptions, UsageError } from './options';

export const GRAPH_FORMATS = ['json', 'svg', 'mermaid'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions {
  paths: string[];
  view: TopologyView;
  format: GraphFormat;
  profile?: ProfileName;
  config?: string;
}

export const GRAPH_HELP = `Usage: blueprint graph [options] [paths...]

Prints the topology of files and folders (default: the current folder): the
request path from the internet to the workloads and their data stores, the
GitOps dependency graph, or the Terraform resources and their references. Each
node carries the count of its lint findings.

Options:
      --view <view>       network (default), gitops or infrastructure
  -f, --format <format>   json (default), svg or mermaid
      --profile <name>    rule set used to count findings (as for lint)
  -c, --config <file>     configuration file (as for lint)
  -h, --help              show this help

JSON: { "view", "nodes": [ { "id", "kind", "name", "namespace"?, "file"?, "line"?,
"findings": { "error", "warning", "info", "hint" }, ... } ], "edges": [ { "from",
"to", "type", ... } ] }. Edge types: routes-to, selects, allowed-by-policy,
blocked, depends-on, mounts, uses-secret, connects-to, references.
`;


/** Parse the arguments after `graph`. */
export function parseGraphArgs(args: readonly string[]): { kind: 'graph'; options: GraphOptions } | { kind: 'help'; topic: 'graph' } {
  const options: GraphOptions = { paths: [], view: 'network', format: 'json' };
  const tokens = tokenizeOptions(args, { flags: ['--help'], values: ['--view', '--format', '--profile', '--config'], short: { '-f': '--format', '-c': '--config', '-h': '--help' }, topic: 'graph' });
  for (const t of tokens) {
    if (t.kind === 'path') options.paths.push(t.value);
    else if (t.kind === 'flag') return { kind: 'help', topic: 'graph' };
    else {
      const value = t.value;
      switch (t.name) {
        case '--view':
          if (!(TOPOLOGY_VIEWS as readonly string[]).includes(value)) throw new UsageError(`unknown view "${value}" (use ${oneOf(TOPOLOGY_VIEWS)}).`, 'graph');
          options.view = value as TopologyView;
          break;
        case '--format':
          if (!(GRAPH_FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown graph format "${value}" (use ${oneOf(GRAPH_FORMATS)}).`, 'graph');
          options.format = value as GraphFormat;
          break;
        case '--profile':
          if (!(PROFILES as readonly string[]).includes(value)) throw new UsageError(`unknown profile "${value}" (use ${oneOf(PROFILES)}).`, 'graph');
          options.profile = value as ProfileName;
          break;
        case '--config':
          options.config = value;
          break;
      }
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'graph', options };
}

