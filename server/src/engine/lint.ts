// `lint(text, options)`: the one entry point the server, the CLI and the tests share.
// text -> kind -> parse -> model -> rules -> findings (filtered, suppressed, sorted).
import { resolveConfig, kindAssociations, type FlowGuardConfig, type ResolvedConfig } from './config.js';
import { releaseExpressionCache } from './expressions/github.js';
import { detectKind, type KindAssociation } from './kinds.js';
import type { Workflow } from './model/github.js';
import { workflowTokenGrants, type WorkflowTokenGrants } from './permissions/grants.js';
import { workflowPermissions } from './permissions/solver.js';
import { platformFor } from './platforms/index.js';
import { RULES } from './rules/index.js';
import { toFinding, type LintSettings, type Rule, type RuleContext } from './rules/rule.js';
import { applyIgnoreComments } from './suppress.js';
import { LineIndex } from './text.js';
import { PERSONAS, SEVERITIES, type DocumentKind, type Finding, type Persona, type Severity } from './types.js';
import { parseYaml } from './yaml/parse.js';

export interface LintOptions {
  /** Workspace-relative path with forward slashes; decides the kind and which config applies. */
  path?: string;
  /** Forces the document kind (otherwise detected from path and content). */
  kind?: DocumentKind;
  config?: FlowGuardConfig;
  /** Editor/CLI settings; `.flowguard.yml` values win over them. */
  settings?: Partial<LintSettings>;
  /** Extra kind associations from editor settings (config `kinds` come first). */
  associations?: readonly KindAssociation[];
  /** Keep suppressed findings in the result (marked `suppressed`). */
  includeSuppressed?: boolean;
  /** Rules to run (defaults to the registry). */
  rules?: readonly Rule[];
  /** Files larger than this (in characters) are not parsed. */
  maxFileSize?: number;
}

export interface LintResult {
  kind: DocumentKind;
  findings: Finding[];
  /** True when config `ignore-paths` or a disabled platform excluded the file. */
  skipped: boolean;
  /**
   * GitHub workflows: the token each job gets and the write scopes it needs (`permissions/grants.ts`), worked
   * out on the first call from the model the rules saw and the permission analysis they shared (no second parse).
   */
  tokenGrants?: () => WorkflowTokenGrants;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);
const personaRank = (p: Persona) => PERSONAS.indexOf(p);

export function defaultSettings(partial: Partial<LintSettings> = {}, resolved?: ResolvedConfig): LintSettings {
  return {
    persona: resolved?.persona ?? partial.persona ?? 'regular',
    minSeverity: resolved?.minSeverity ?? partial.minSeverity ?? 'info',
    defaultPermissions: resolved?.defaultPermissions ?? partial.defaultPermissions ?? 'unknown',
    policy: resolved?.policy ?? partial.policy ?? {},
    workspace: partial.workspace,
    kestraSchema: partial.kestraSchema,
    online: partial.online,
  };
}

const zizmorIndex = new Map<string, string[]>();
function zizmorIds(rules: readonly Rule[]) {
  if (!zizmorIndex.size) for (const r of RULES) if (r.meta.equivalents?.zizmor) zizmorIndex.set(r.meta.id, r.meta.equivalents.zizmor);
  return (id: string) => zizmorIndex.get(id) ?? rules.find((r) => r.meta.id === id)?.meta.equivalents?.zizmor;
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const path = (options.path ?? '').replace(/\\/g, '/');
  const config = options.config ?? {};
  const resolved = resolveConfig(config, path);
  const kind = options.kind ?? detectKind(path, text, [...kindAssociations(config), ...(options.associations ?? [])]);
  const platform = platformFor(kind);
  if (resolved.ignored || !platform || resolved.platforms[platform.platform] === false) {
    return { kind, findings: [], skipped: resolved.ignored || (!!platform && resolved.platforms[platform.platform] === false) };
  }
  const settings = defaultSettings(options.settings, resolved);
  const rules = options.rules ?? RULES;
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

  if (text.length > maxSize) {
    findings.push({
      ruleId: 'file-too-large',
      message: `File not checked: ${text.length} characters is over the ${maxSize}-character limit`,
      severity: 'info',
      confidence: 'high',
      persona: 'regular',
      span: { start: 0, end: Math.min(text.length, 1) },
    });
    return { kind, findings: finish(findings, resolved, settings, lines, options, rules), skipped: false };
  }

  const file = parseYaml(text, platform.parseOptions?.(kind));
  for (const p of file.problems) {
    // GitLab loads YAML with Ruby's Psych, which keeps the last of duplicate keys instead of failing:
    // still a mistake (the first definition is silently dropped), but not one that stops the pipeline.
    if (p.ruleId === 'yaml-duplicate-key' && platform.platform === 'gitlab') findings.push({ ...p, severity: 'medium', message: `${p.message.replace(/ \(the later value.*\)$/, '')}; GitLab silently keeps only the last one` });
    else findings.push(p);
  }
  const active = rules.filter((r) => r.meta.kinds.includes(kind) && resolved.rule(r.meta.id).enabled);
  let tokenGrants: LintResult['tokenGrants'];

  try {
    for (const doc of file.documents) {
      if (doc.contents == null) continue;
      let model: unknown;
      try {
        model = platform.buildModel(kind, doc, file);
      } catch (e) {
        findings.push(internalError('model', e, doc.range?.[0] ?? 0, text));
        continue;
      }
      if (model === undefined) continue;
      if (kind === 'github-workflow' && !tokenGrants) tokenGrants = lazyTokenGrants(model as Workflow, text, settings, path);
      for (const rule of active) {
        const ruleOptions = { ...(rule.meta.defaultOptions ?? {}), ...resolved.rule(rule.meta.id).options };
        const ctx: RuleContext = {
          path,
          kind,
          text,
          lines,
          file,
          doc,
          model,
          options: ruleOptions,
          settings,
          report: (input) => findings.push(toFinding(rule.meta, input)),
        };
        try {
          rule.check(ctx);
        } catch (e) {
          findings.push(internalError(rule.meta.id, e, doc.range?.[0] ?? 0, text));
        }
      }
    }
  } finally {
    // The `${{ }}` expressions the rules shared belong to this text: a long-running server must not keep them.
    releaseExpressionCache();
  }
  return { kind, findings: finish(findings, resolved, settings, lines, options, rules), skipped: false, ...(tokenGrants ? { tokenGrants } : {}) };
}

function lazyTokenGrants(wf: Workflow, text: string, settings: LintSettings, path: string): () => WorkflowTokenGrants {
  let grants: WorkflowTokenGrants | undefined;
  return () => (grants ??= workflowTokenGrants(workflowPermissions(wf, text, settings, path), settings.defaultPermissions));
}

function internalError(where: string, e: unknown, offset: number, text: string): Finding {
  const message = e instanceof Error ? e.message : String(e);
  return {
    ruleId: 'internal-error',
    message: `Internal error in ${where}: ${message}. Other checks still ran; please report this.`,
    severity: 'info',
    confidence: 'high',
    persona: 'regular',
    span: { start: offset, end: Math.min(text.length, offset + 1) },
  };
}

function finish(findings: Finding[], resolved: ResolvedConfig, settings: LintSettings, lines: LineIndex, options: LintOptions, rules: readonly Rule[]): Finding[] {
  const enabled = (id: string) => resolved.rule(id).enabled;
  let out = findings.filter((f) => enabled(f.ruleId));
  for (const f of out) {
    const sev = resolved.rule(f.ruleId).severity;
    if (sev) f.severity = sev;
  }
  out = out.filter((f) => personaRank(f.persona) <= personaRank(settings.persona) && severityRank(f.severity) >= severityRank(settings.minSeverity));
  applyIgnoreComments(out, lines, zizmorIds(rules));
  if (!options.includeSuppressed) out = out.filter((f) => !f.suppressed);
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return dedupe(out);
}

/** One diagnostic per mistake: identical rule + span + message collapse into one. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}:${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
