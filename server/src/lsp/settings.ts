// `flowguard.*` editor settings: defaults, validation of what the client sends (a wrong value is reported
// and replaced by its default, never thrown), and the translation into engine options.
import { DOCUMENT_KINDS, PERSONAS, SEVERITIES, type DocumentKind, type FlowGuardConfig, type KindAssociation, type LintSettings } from '../engine/index.js';
import type { FlowGuardSettings, PlatformName } from './protocol.js';

export const DEFAULT_DEBOUNCE_MS = 200;

export const DEFAULT_SETTINGS: FlowGuardSettings = {
  enable: true,
  platforms: { github: true, gitlab: true, kestra: true },
  persona: 'regular',
  minSeverity: 'info',
  exclude: [],
  associations: {},
  run: 'onType',
  debounceMs: DEFAULT_DEBOUNCE_MS,
  defaultPermissions: 'unknown',
  docsLinks: 'local',
  online: { enabled: false },
  kestra: { url: '' },
};

export interface NormalizedSettings {
  settings: FlowGuardSettings;
  /** One line per ignored value, for the log. */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates raw `flowguard` settings (anything a client may send) into complete settings. */
export function normalizeSettings(raw: unknown): NormalizedSettings {
  const problems: string[] = [];
  const s: FlowGuardSettings = structuredClone(DEFAULT_SETTINGS);
  if (raw == null) return { settings: s, problems };
  if (!isRecord(raw)) return { settings: s, problems: [`flowguard settings must be an object, got ${typeof raw}; using defaults`] };

  const bool = (key: string, value: unknown, set: (b: boolean) => void) => {
    if (value === undefined) return;
    if (typeof value === 'boolean') set(value);
    else problems.push(`flowguard.${key} must be true or false, got ${JSON.stringify(value)}`);
  };
  const oneOf = <T extends string>(key: string, value: unknown, allowed: readonly T[], set: (v: T) => void) => {
    if (value === undefined) return;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) set(value as T);
    else problems.push(`flowguard.${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  };

  bool('enable', raw.enable, (b) => (s.enable = b));
  if (raw.platforms !== undefined) {
    if (!isRecord(raw.platforms)) problems.push('flowguard.platforms must be an object');
    else for (const p of ['github', 'gitlab', 'kestra'] as PlatformName[]) bool(`platforms.${p}`, raw.platforms[p], (b) => (s.platforms[p] = b));
  }
  oneOf('persona', raw.persona, PERSONAS, (v) => (s.persona = v));
  oneOf('minSeverity', raw.minSeverity, SEVERITIES, (v) => (s.minSeverity = v));
  if (raw.exclude !== undefined) {
    if (Array.isArray(raw.exclude) && raw.exclude.every((g) => typeof g === 'string')) s.exclude = raw.exclude.filter((g) => g.trim() !== '');
    else problems.push('flowguard.exclude must be an array of glob strings');
  }
  if (raw.associations !== undefined) {
    if (!isRecord(raw.associations)) problems.push('flowguard.associations must be an object mapping globs to document kinds');
    else
      for (const [glob, kind] of Object.entries(raw.associations)) {
        if (typeof kind === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(kind)) s.associations[glob] = kind;
        else problems.push(`flowguard.associations["${glob}"] must be one of ${DOCUMENT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
      }
  }
  oneOf('run', raw.run, ['onType', 'onSave'] as const, (v) => (s.run = v));
  if (raw.debounceMs !== undefined) {
    if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) s.debounceMs = Math.min(10_000, Math.round(raw.debounceMs));
    else problems.push(`flowguard.debounceMs must be a number of milliseconds >= 0, got ${JSON.stringify(raw.debounceMs)}`);
  }
  oneOf('defaultPermissions', raw.defaultPermissions, ['unknown', 'restricted', 'permissive'] as const, (v) => (s.defaultPermissions = v));
  oneOf('docsLinks', raw.docsLinks, ['local', 'web'] as const, (v) => (s.docsLinks = v));
  if (raw.online !== undefined) {
    if (isRecord(raw.online)) bool('online.enabled', raw.online.enabled, (b) => (s.online.enabled = b));
    else problems.push('flowguard.online must be an object');
  }
  if (raw.kestra !== undefined) {
    if (isRecord(raw.kestra) && (raw.kestra.url === undefined || typeof raw.kestra.url === 'string')) s.kestra.url = (raw.kestra.url as string | undefined) ?? '';
    else problems.push('flowguard.kestra.url must be a string');
  }
  return { settings: s, problems };
}

/** Editor associations for the engine (config `kinds` still come first). */
export function toAssociations(settings: FlowGuardSettings): KindAssociation[] {
  return Object.entries(settings.associations).map(([pattern, kind]) => ({ pattern, kind: kind as DocumentKind }));
}

/** Engine settings from editor settings; `.flowguard.yml` values win inside the engine. */
export function toLintSettings(settings: FlowGuardSettings): Partial<LintSettings> {
  return { persona: settings.persona, minSeverity: settings.minSeverity, defaultPermissions: settings.defaultPermissions };
}

/**
 * The config the engine sees: the workspace's `.flowguard.yml` with the editor's platform switches
 * underneath (a platform the config names is decided by the config, as are its overrides).
 */
export function effectiveConfig(settings: FlowGuardSettings, fileConfig: FlowGuardConfig | undefined): FlowGuardConfig {
  const base = fileConfig ?? {};
  return { ...base, platforms: { ...settings.platforms, ...(base.platforms ?? {}) } };
}
