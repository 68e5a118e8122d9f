// A project is one workspace folder (or the "loose files" outside every folder):
// its own Workspace model, its settings, its `.blueprint.yaml` and the Linter
// they configure. Folders are kept apart so cross-file rules never join
// resources of two unrelated repositories open side by side.
import { join, relative, isAbsolute } from 'node:path';
import { existsSync } from 'node:fs';
import { BlueprintConfig, mergeConfigs, parseConfig } from '../core/config';
import { Workspace } from '../core/model/workspace';
import { Linter } from '../core/rules/engine';
import { RULES } from '../core/rules/registry';
import type { AnyRule } from '../core/rules/rule';
import { CONFIG_FILE_NAMES, ignoreMatcher, walk } from '../node/files';
import { BlueprintSettings, DEFAULT_SETTINGS } from '../protocol';
import { settingsAsConfig } from './settings';
import { diskKey, fsPathOfKey } from './uris';

export class Project {
  ws = new Workspace();
  settings: BlueprintSettings = DEFAULT_SETTINGS;
  /** `.blueprint.yaml` as parsed (its problems are reported by meta/config on the file). */
  fileConfig: BlueprintConfig = {};
  linter: Linter;
  private ignored: (absPath: string) => boolean = () => false;

  /**
   * @param root folder on disk; undefined for the project of loose files
   * @param folderUri the workspace folder's URI as the client sent it (scope of its settings)
   * @param rules the rule registry (the full RULES but in tests)
   */
  constructor(
    readonly root: string | undefined,
    readonly folderUri: string | undefined,
    readonly name: string,
    private readonly rules: readonly AnyRule[] = RULES,
  ) {
    this.linter = new Linter(rules, {});
  }

  get enabled(): boolean {
    return this.settings.enable;
  }

  /** Whether a disk path lies inside this project's folder. */
  contains(fsPath: string): boolean {
    if (!this.root) return false;
    const rel = relative(this.root, fsPath);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  /** The config file at the folder root, if there is one (the first of .blueprint.yaml, .blueprint.yml). */
  configPath(): string | undefined {
    if (!this.root) return undefined;
    return CONFIG_FILE_NAMES.map((n) => join(this.root!, n)).find((p) => existsSync(p));
  }

  isConfigKey(key: string): boolean {
    const p = fsPathOfKey(key);
    return !!this.root && !!p && CONFIG_FILE_NAMES.some((n) => join(this.root!, n) === p);
  }

  /** Apply settings and the config file's text (undefined: no config file). */
  configure(settings: BlueprintSettings, configText: string | undefined): void {
    this.settings = settings;
    this.fileConfig = configText === undefined ? {} : parseConfig(configText, this.rules.map((r) => r.id)).config;
    const merged = mergeConfigs(this.fileConfig, settingsAsConfig(settings));
    this.linter = new Linter(this.rules, merged);
    this.ignored = this.root ? ignoreMatcher(this.root, merged.ignore ?? []) : () => false;
    // The folder is held completely only when its files on disk are read.
    this.ws.setRoots(this.root && settings.lintWorkspace ? [diskKey(this.root)] : []);
  }

  private loggedProfile?: string;

  /** A log line when the profile in effect (configured, or detected in the files) changed since the last call. */
  profileChange(): string | undefined {
    const profile = this.linter.profileFor(this.ws);
    const how = this.linter.config.profile ? 'configured' : this.linter.forWorkspace(this.ws) !== this.linter ? 'detected: a Flux clusters/ layout deploying Drupal' : 'default';
    const line = `Blueprint: profile ${profile} for ${this.name} (${how})`;
    if (line === this.loggedProfile) return undefined;
    this.loggedProfile = line;
    return line;
  }

  /** Ignored by DEFAULT_IGNORE, `.blueprint.yaml` `ignore:` or `blueprint.ignore`. */
  isIgnored(fsPath: string): boolean {
    return this.ignored(fsPath);
  }

  /** Keys of the lintable files on disk, found by walking the folder (ignores applied). */
  diskFiles(): string[] {
    if (!this.root) return [];
    return walk([this.root], (p) => this.ignored(p)).files.map(diskKey);
  }
}
