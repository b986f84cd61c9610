// `.flowguard.yml`: parsed and validated (by schemas/flowguard-config.json), then resolved per file.
// The engine only sees text; finding and reading the file is the caller's job.
import Ajv from 'ajv';
import configSchema from '../../../schemas/flowguard-config.json' with { type: 'json' };
import { globMatch, type KindAssociation } from './kinds.js';
import type { DocumentKind, Persona, Platform, Severity, Span } from './types.js';
import { parseYaml } from './yaml/parse.js';
import { locate } from './schema/locate.js';

export type RuleSetting = 'off' | 'on' | boolean | RuleConfig;

export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  /** Globs of paths where the rule is off. */
  'ignore-paths'?: string[];
  options?: Record<string, unknown>;
}

export interface ConfigLayer {
  persona?: Persona;
  'min-severity'?: Severity;
  'default-permissions'?: 'unknown' | 'restricted' | 'permissive';
  platforms?: Partial<Record<Exclude<Platform, 'core'>, boolean>>;
  rules?: Record<string, RuleSetting>;
}

export interface FlowGuardConfig extends ConfigLayer {
  /** Globs of paths never linted. */
  'ignore-paths'?: string[];
  /** Extra file-kind associations: glob -> kind. */
  kinds?: Record<string, DocumentKind>;
  /** Per-path settings, applied in order after the top level. */
  overrides?: (ConfigLayer & { files: string[] })[];
  /** Platform policies (allowed actions, pinning, permission ceilings...), read by the rules that enforce them. */
  policy?: Record<string, unknown>;
}

export interface ConfigProblem {
  message: string;
  span: Span;
}

export interface ParsedConfig {
  config: FlowGuardConfig;
  problems: ConfigProblem[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const ok = validator(value);
  return ok ? [] : (validator.errors ?? []);
}

/** Parses and validates a config file. Invalid parts are reported and ignored, never thrown. */
export function parseConfig(text: string): ParsedConfig {
  const file = parseYaml(text);
  const problems: ConfigProblem[] = file.problems.map((p) => ({ message: p.message, span: p.span }));
  const doc = file.documents[0];
  if (!doc || problems.some((p) => p.message.startsWith('YAML syntax'))) return { config: {}, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    return { config: {}, problems: [...problems, { message: `Config could not be read: ${(e as Error).message}`, span: { start: 0, end: Math.min(1, text.length) } }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config: {}, problems: [...problems, { message: 'The configuration must be a mapping', span: { start: 0, end: Math.min(1, text.length) } }] };
  }
  for (const err of validate(value)) {
    const where = locate(doc, err.instancePath, err.keyword === 'additionalProperties' ? String((err.params as { additionalProperty?: string }).additionalProperty) : undefined);
    const prop = err.keyword === 'additionalProperties' ? ` '${(err.params as { additionalProperty?: string }).additionalProperty}'` : '';
    problems.push({ message: `Invalid configuration at ${err.instancePath || '/'}${prop}: ${err.message}`, span: where ?? { start: 0, end: Math.min(1, text.length) } });
  }
  return { config: value as FlowGuardConfig, problems };
}

export interface ResolvedRule {
  enabled: boolean;
  severity?: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  ignored: boolean;
  persona?: Persona;
  minSeverity?: Severity;
  defaultPermissions?: 'unknown' | 'restricted' | 'permissive';
  platforms: Partial<Record<Exclude<Platform, 'core'>, boolean>>;
  rule(id: string): ResolvedRule;
  policy: Record<string, unknown>;
}

export function kindAssociations(config: FlowGuardConfig): KindAssociation[] {
  return Object.entries(config.kinds ?? {}).map(([pattern, kind]) => ({ pattern, kind }));
}

function ruleLayer(setting: RuleSetting | undefined, path: string): Partial<ResolvedRule> | undefined {
  if (setting === undefined) return undefined;
  if (setting === 'off' || setting === false) return { enabled: false };
  if (setting === 'on' || setting === true) return { enabled: true };
  const out: Partial<ResolvedRule> = {};
  if (setting.enabled !== undefined) out.enabled = setting.enabled;
  if (setting.severity) out.severity = setting.severity;
  if (setting.options) out.options = setting.options;
  if (setting['ignore-paths']?.some((g) => globMatch(g, path))) out.enabled = false;
  return out;
}

/** What `rule(id)` answers when no layer configures rules (read-only: shared by every rule and file). */
const RULE_DEFAULTS: ResolvedRule = Object.freeze({ enabled: true, options: Object.freeze({}) as Record<string, unknown> });

/** Resolves the configuration that applies to one file (top level, then matching overrides). */
export function resolveConfig(config: FlowGuardConfig, path: string): ResolvedConfig {
  const layers: ConfigLayer[] = [config, ...(config.overrides ?? []).filter((o) => o.files?.some((g) => globMatch(g, path)))];
  // lint() asks for every rule several times per file: each answer is worked out once.
  const rules = new Map<string, ResolvedRule>();
  const resolved: ResolvedConfig = {
    ignored: (config['ignore-paths'] ?? []).some((g) => globMatch(g, path)),
    platforms: {},
    policy: config.policy ?? {},
    rule: !layers.some((l) => l.rules)
      ? () => RULE_DEFAULTS
      : (id: string) => {
          let r = rules.get(id);
          if (r) return r;
          r = { enabled: true, options: {} };
          for (const layer of layers) {
            const l = ruleLayer(layer.rules?.[id], path);
            if (!l) continue;
            if (l.enabled !== undefined) r.enabled = l.enabled;
            if (l.severity) r.severity = l.severity;
            if (l.options) r.options = { ...r.options, ...l.options };
          }
          rules.set(id, r);
          return r;
        },
  };
  for (const layer of layers) {
    if (layer.persona) resolved.persona = layer.persona;
    if (layer['min-severity']) resolved.minSeverity = layer['min-severity'];
    if (layer['default-permissions']) resolved.defaultPermissions = layer['default-permissions'];
    if (layer.platforms) Object.assign(resolved.platforms, layer.platforms);
  }
  return resolved;
}
