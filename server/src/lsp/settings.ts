// `blueprint.*` settings as the client sends them, checked field by field: a
// wrong value in settings.json falls back to the default instead of breaking
// linting.
import type { BlueprintConfig, RuleSetting } from '../core/config';
import { PROFILES, ProfileName } from '../core/rules/rule';
import { BlueprintSettings, DEFAULT_SETTINGS } from '../protocol';

const RULE_SETTINGS: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];
const MAX_DEBOUNCE_MS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function normalizeSettings(raw: unknown): BlueprintSettings {
  const s = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(s.rules)) {
    for (const [id, v] of Object.entries(s.rules)) if (typeof v === 'string' && RULE_SETTINGS.includes(v)) rules[id] = v as RuleSetting;
  }
  const debounce = typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs) ? s.debounceMs : DEFAULT_SETTINGS.debounceMs;
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    profile: typeof s.profile === 'string' && (PROFILES as readonly string[]).includes(s.profile) ? (s.profile as ProfileName) : '',
    rules,
    ignore: Array.isArray(s.ignore) ? s.ignore.filter((g): g is string => typeof g === 'string' && g.length > 0) : [],
    lintWorkspace: typeof s.lintWorkspace === 'boolean' ? s.lintWorkspace : DEFAULT_SETTINGS.lintWorkspace,
    debounceMs: Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce))),
  };
}

/** The part of the settings that configures rules, as a layer over `.blueprint.yaml`. */
export function settingsAsConfig(settings: BlueprintSettings): BlueprintConfig {
  return { profile: settings.profile || undefined, rules: settings.rules, ignore: settings.ignore };
}
