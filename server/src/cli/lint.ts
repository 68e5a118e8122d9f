// The `blueprint lint` run: find the configuration, walk the paths, load every
// file into one Workspace (cross-file rules need all of it before any file is
// linted), apply fixes when asked, lint, and hand a LintReport to a formatter.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BlueprintConfig, mergeConfigs, parseConfig } from '../core/config';
import { fileKindOf, MAX_FILE_BYTES, Workspace } from '../core/model/workspace';
import { fixFile, Linter, RuleError } from '../core/rules/engine';
import { RULES } from '../core/rules/registry';
import type { AnyRule } from '../core/rules/rule';
import { Finding, LineIndex } from '../core/types';
import { findConfigFile, ignoreMatcher, isLintable, readText, walk } from '../node/files';
import type { LintOptions } from './args';
import { UsageError } from './args';
import type { EnabledRule, LintReport, SkippedFile } from './report';

const CONFIG_RULE = 'meta/config';

/** A file of the run: where it is on disk and the path every output shows. */
interface RunFile {
  abs: string;
  display: string;
}

/**
 * The path shown for a file: relative to the cwd (so `../corpus/x` stays as it was
 * given), forward slashes everywhere; absolute only when it was given absolute and
 * lies outside the cwd.
 */
export function displayPath(cwd: string, abs: string, givenAbsolute: boolean): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (givenAbsolute && (rel.startsWith('..') || isAbsolute(rel))) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

interface LoadedConfig {
  file?: RunFile;
  text?: string;
  config: BlueprintConfig;
  /** Folder the ignore globs are relative to. */
  base: string;
}

/**
 * `--config FILE`, else the nearest `.blueprint.yaml` at or above the first path's
 * folder (up to the filesystem root). One configuration per run, like ESLint's
 * flat config looked up from the cwd. An unreadable --config is a usage error; a
 * broken one is a meta/config finding and its valid parts still apply.
 */
function loadConfig(options: LintOptions, cwd: string, ruleIds: readonly string[]): LoadedConfig {
  let abs: string | undefined;
  let givenAbsolute = false;
  if (options.config !== undefined) {
    abs = resolve(cwd, options.config);
    givenAbsolute = isAbsolute(options.config);
    if (!existsSync(abs)) throw new UsageError(`config file not found: ${options.config}`);
  } else {
    const first = resolve(cwd, options.paths[0]);
    let start = first;
    try {
      if (!statSync(first).isDirectory()) start = dirname(first);
    } catch {
      start = dirname(first);
    }
    abs = findConfigFile(start);
    givenAbsolute = isAbsolute(options.paths[0]);
  }
  if (!abs) return { config: {}, base: cwd };
  const read = readText(abs, MAX_FILE_BYTES);
  if (read.text === undefined) throw new UsageError(`cannot read config file ${abs}: ${read.error}`);
  return {
    file: { abs, display: displayPath(cwd, abs, givenAbsolute) },
    text: read.text,
    config: parseConfig(read.text, ruleIds).config,
    base: dirname(abs),
  };
}

/**
 * Every file to lint, in walk order, each once; missing paths are usage errors.
 * The config's globs are relative to its folder; the default ignores (node_modules,
 * .git, ...) also apply under each given path, even one outside that folder.
 */
function collectFiles(options: LintOptions, cwd: string, isIgnoredByConfig: (abs: string) => boolean, skipped: SkippedFile[]): RunFile[] {
  const files: RunFile[] = [];
  const seen = new Set<string>();
  for (const given of options.paths) {
    const abs = resolve(cwd, given);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${given}`);
    const isIgnoredUnderRoot = ignoreMatcher(abs, []);
    const result = walk([abs], (p) => isIgnoredByConfig(p) || isIgnoredUnderRoot(p));
    for (const s of result.skipped) skipped.push({ file: displayPath(cwd, s.path, isAbsolute(given)), reason: s.reason });
    for (const f of result.files) {
      if (seen.has(f)) continue;
      seen.add(f);
      const display = displayPath(cwd, f, isAbsolute(given));
      // A file named explicitly is taken whatever its name, but the core decides
      // how to analyse a file by its name: say so rather than report "no problems".
      if (fileKindOf(display) === 'other' && !isLintable(display)) skipped.push({ file: display, reason: 'not a .yaml, .yml or .tf file' });
      else files.push({ abs: f, display });
    }
  }
  return files;
}

/** Lint `options.paths` as seen from `cwd` with the given rules (the registry by default). */
export function runLint(options: LintOptions, cwd: string, rules: readonly AnyRule[] = RULES): LintReport {
  const loaded = loadConfig(options, cwd, rules.map((r) => r.id));
  const config = mergeConfigs(loaded.config, { profile: options.profile, rules: options.rules });
  const linter = new Linter(rules, config);
  const skipped: SkippedFile[] = [];
  const files = collectFiles(options, cwd, ignoreMatcher(loaded.base, config.ignore ?? []), skipped);

  // The configuration is linted too (meta/config), first, unless the walk found it.
  // Under a name the core does not recognise as a config, its problems are
  // reported here instead, and it is not linted as a manifest.
  const configFile = loaded.file;
  const configIsStandard = configFile !== undefined && fileKindOf(configFile.display) === 'config';
  if (configFile && configIsStandard && !files.some((f) => f.abs === configFile.abs)) files.unshift(configFile);
  const odd = configFile && !configIsStandard && loaded.text !== undefined ? { file: configFile, text: loaded.text } : undefined;

  const ws = new Workspace();
  // The folders walked are held completely: cross-file rules may call what is missing under them missing.
  ws.setRoots(options.paths.filter((p) => isDirectory(resolve(cwd, p))).map((p) => displayPath(cwd, resolve(cwd, p), isAbsolute(p))));
  const load = loadFiles(ws, odd ? files.filter((f) => f.abs !== odd.file.abs) : files, skipped);
  const { fixed, writeErrors } = options.fix ? applyFixes(ws, linter, load.files) : { fixed: { fixes: 0, files: [] }, writeErrors: [] };

  const findings: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  if (odd) {
    findings.push(...configProblems(odd.file.display, odd.text, linter));
    ws.update(odd.file.display, odd.text); // so formatters can map its positions
  }
  for (const f of load.files) {
    const result = linter.lintFile(ws, f.display);
    findings.push(...result.findings);
    ruleErrors.push(...result.ruleErrors);
  }

  const kept = options.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const sources = new Map<string, LineIndex>();
  for (const f of kept) if (!sources.has(f.file)) sources.set(f.file, new LineIndex(ws.get(f.file)?.text ?? ''));
  const effective = linter.forWorkspace(ws);
  const enabled: EnabledRule[] = rules
    .filter((r) => effective.severities.has(r.id))
    .map((rule) => ({ rule, severity: effective.severities.get(rule.id)! }))
    .filter((r) => !options.quiet || r.severity === 'error');
  const extra = odd ? 1 : 0;
  return {
    cwd,
    findings: kept,
    sources,
    filesRead: load.files.length + extra,
    filesLinted: load.files.length - load.notAnalysed + extra,
    skipped,
    ruleErrors,
    writeErrors,
    fixed,
    rules: enabled,
    profile: { name: linter.profileFor(ws), detected: !config.profile && effective !== linter },
  };
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** Read every file into the workspace; unreadable ones and ones the core will not analyse are noted. */
function loadFiles(ws: Workspace, files: readonly RunFile[], skipped: SkippedFile[]): { files: RunFile[]; notAnalysed: number } {
  const loaded: RunFile[] = [];
  let notAnalysed = 0;
  for (const f of files) {
    const read = readText(f.abs, MAX_FILE_BYTES);
    if (read.text === undefined) {
      skipped.push({ file: f.display, reason: read.error ?? 'cannot be read' });
      continue;
    }
    const facts = ws.update(f.display, read.text);
    loaded.push(f);
    // A configuration file that cannot be read as YAML (binary) is still linted:
    // meta/config reports why its settings are ignored. Count it once, as linted.
    if (facts.skipped && facts.kind !== 'config') {
      skipped.push({ file: f.display, reason: facts.skipped });
      notAnalysed++;
    }
  }
  return { files: loaded, notAnalysed };
}

/**
 * --fix: every safe fix of every file (core fixFile), written back only where the text changed.
 * Fixes that create or edit other files (Fix.otherFiles: a generated NetworkPolicy file) are
 * never applied: fixFile skips them, so --fix only ever rewrites files it was given.
 */
function applyFixes(ws: Workspace, linter: Linter, files: readonly RunFile[]): { fixed: LintReport['fixed']; writeErrors: SkippedFile[] } {
  const fixed: LintReport['fixed'] = { fixes: 0, files: [] };
  const writeErrors: SkippedFile[] = [];
  for (const f of files) {
    const before = ws.get(f.display)!.text;
    const { text, applied } = fixFile(linter, ws, f.display);
    if (text === before) continue;
    try {
      writeFileSync(f.abs, text);
      fixed.fixes += applied;
      fixed.files.push(f.display);
    } catch (e) {
      writeErrors.push({ file: f.display, reason: (e as Error).message });
      ws.update(f.display, before); // report against what is on disk
    }
  }
  return { fixed, writeErrors };
}

/** meta/config findings of a config file the Workspace does not know as one (e.g. `--config ci.yaml`). */
function configProblems(display: string, text: string, linter: Linter): Finding[] {
  const severity = linter.severities.get(CONFIG_RULE);
  if (!severity) return [];
  return parseConfig(text, linter.ruleIds).problems.map((p) => ({
    ruleId: CONFIG_RULE,
    severity,
    message: p.message,
    file: display,
    span: p.span,
    fixes: [],
  }));
}
