// `blueprint graph [paths] --view network|gitops|infrastructure --format json|svg|mermaid`:
// the topology graph of files and folders, for docs and CI. The SVG comes from
// the webview's own layout and renderer (client/webview/), run in Node.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutGraph } from '../../../client/webview/layout';
import { renderSvg } from '../../../client/webview/render';
import { parseConfig } from '../core/config';
import { MAX_FILE_BYTES, Workspace } from '../core/model/workspace';
import type { AnyRule } from '../core/rules/rule';
import { buildTopology, TopologyGraph } from '../core/topology';
import { toMermaid } from '../core/topology/mermaid';
import { SEVERITIES, type Finding } from '../core/types';
import { findConfigFile, ignoreMatcher, isLintable, readText, walk } from '../node/files';
import { initHclFromDisk } from '../node/hcl';
import type { GraphFormat, GraphOptions } from './graph-args';
import { UsageError } from './args';
import type { CliIO } from './main';
import { displayPath, runLint } from './lint';

/** The JSON contract of `--format json`: the graph with every finding count spelled out. */
export function graphJson(graph: TopologyGraph): string {
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    name: n.name,
    ...(n.namespace !== undefined ? { namespace: n.namespace } : {}),
    ...(n.file !== undefined ? { file: n.file } : {}),
    ...(n.line !== undefined ? { line: n.line } : {}),
    findings: Object.fromEntries(SEVERITIES.map((s) => [s, n.findings[s] ?? 0])),
    category: n.category,
    ...(n.detail !== undefined ? { detail: n.detail } : {}),
    ...(n.missing ? { missing: true } : {}),
  }));
  const edges = graph.edges.map((e) => ({
    from: e.from,
    to: e.to,
    type: e.type,
    ...(e.label !== undefined ? { label: e.label } : {}),
    ...(e.port !== undefined ? { port: e.port } : {}),
    ...(e.tls !== undefined ? { tls: e.tls } : {}),
    ...(e.cycle ? { cycle: true } : {}),
  }));
  return `${JSON.stringify({ view: graph.view, nodes, edges, ...(graph.empty ? { empty: graph.empty } : {}) }, null, 2)}\n`;
}

/** Load the paths into a Workspace keyed like `blueprint lint` keys its files, lint them, and build the view. */
export async function runGraph(options: GraphOptions, cwd: string, rules?: readonly AnyRule[]): Promise<TopologyGraph> {
  await initHclFromDisk(); // Terraform files stay skipped (with a reason) when the parser cannot load
  const report = runLint({ paths: options.paths, format: 'json', rules: {}, fix: false, quiet: false, profile: options.profile, config: options.config }, cwd, rules);
  const findings = new Map<string, Finding[]>();
  for (const f of report.findings) findings.set(f.file, [...(findings.get(f.file) ?? []), f]);

  const configAbs = options.config !== undefined ? resolve(cwd, options.config) : findConfigFile(dirname(resolve(cwd, options.paths[0])));
  let globs: string[] = [];
  if (configAbs) {
    try {
      globs = parseConfig(readFileSync(configAbs, 'utf8'), []).config.ignore ?? [];
    } catch {
      globs = [];
    }
  }
  const ignoredByConfig = configAbs ? ignoreMatcher(dirname(configAbs), globs) : () => false;
  const ws = new Workspace();
  const seen = new Set<string>();
  for (const given of options.paths) {
    const abs = resolve(cwd, given);
    const underRoot = ignoreMatcher(abs, []);
    for (const f of walk([abs], (p) => ignoredByConfig(p) || underRoot(p)).files) {
      if (seen.has(f) || !isLintable(f)) continue;
      seen.add(f);
      // Size checked before reading (a 50 MB file is never loaded); unreadable or too
      // large: `blueprint lint` reports it, the graph goes without it.
      const { text } = readText(f, MAX_FILE_BYTES);
      if (text !== undefined) ws.update(displayPath(cwd, f, isAbsolute(given)), text);
    }
  }
  return buildTopology(ws, findings, options.view);
}

/** The graph in the asked format. */
export async function formatGraph(graph: TopologyGraph, format: GraphFormat): Promise<string> {
  switch (format) {
    case 'json':
      return graphJson(graph);
    case 'mermaid':
      return toMermaid(graph);
    case 'svg': {
      const laid = await layoutGraph(graph, new ELK());
      return `${renderSvg(laid, { standalone: true })}\n`;
    }
  }
}

/** `blueprint graph`: print the view; 0 on success, 2 on a usage error or a failure. */
export async function graph(options: GraphOptions, io: CliIO, rules?: readonly AnyRule[]): Promise<number> {
  try {
    const g = await runGraph(options, io.cwd, rules);
    for (const e of (g as { errors?: { contributor: string; message: string }[] }).errors ?? []) {
      io.stderr(`blueprint: the ${e.contributor} part of the graph failed: ${e.message}. It is missing from the output; please report this.\n`);
    }
    io.stdout(await formatGraph(g, options.format));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`blueprint: ${e.message}\n`);
      return 2;
    }
    io.stderr(`blueprint: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}
