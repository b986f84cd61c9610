// Hover content, computed from text + offset like everything else in the engine. Two sources: the rule
// findings under the cursor (title, message, the doc's "Why it matters" / "How to fix", a link), and a
// registry of providers that explain what is under the cursor (a permission scope, a GitLab keyword,
// a Kestra task type...). Providers register themselves in HOVER_PROVIDERS; a throwing provider is
// skipped and reported in `errors`, never thrown to the caller.
import { resolveConfig, kindAssociations, type FlowGuardConfig } from './config.js';
import { detectKind, type KindAssociation } from './kinds.js';
import { defaultSettings, lint } from './lint.js';
import { platformFor } from './platforms/index.js';
import { getRule } from './rules/index.js';
import type { LintSettings, Rule } from './rules/rule.js';
import { ruleDocsUrl } from './docs.js';
import type { DocumentKind, Finding, Platform, Span } from './types.js';
import { parseYaml, type YamlDocument, type YamlFile } from './yaml/parse.js';
import { permissionsHover } from './permissions/hover.js';
import { kestraHover } from './kestra/hover.js';
import { gitlabHover } from './gitlab/hover.js';

export interface HoverContext {
  text: string;
  offset: number;
  kind: DocumentKind;
  file: YamlFile;
  doc: YamlDocument;
  /** The platform's typed model of `doc` (e.g. `Workflow` for a GitHub workflow). */
  model: unknown;
  settings: LintSettings;
}

export interface HoverContent {
  markdown: string;
  span: Span;
}

export interface HoverProvider {
  kinds: DocumentKind[];
  provide(ctx: HoverContext): HoverContent | undefined;
}

/** Hover providers beyond rule findings. Platforms append theirs (permission scopes, GitLab, Kestra). */
export const HOVER_PROVIDERS: HoverProvider[] = [permissionsHover, kestraHover, gitlabHover];

export interface HoverOptions {
  /** Workspace-relative path with forward slashes (decides the kind and the config that applies). */
  path?: string;
  kind?: DocumentKind;
  config?: FlowGuardConfig;
  settings?: Partial<LintSettings>;
  associations?: readonly KindAssociation[];
  /** Findings already computed for exactly this text (the server's cache); linted here otherwise. */
  findings?: readonly Finding[];
  /** Rules to lint with when `findings` is not given (defaults to the registry). */
  rules?: readonly Rule[];
  /** Markdown of a rule's doc (the caller reads it; the engine never touches files). */
  ruleDoc?(ruleId: string): string | undefined;
  /** Link to a rule's doc; defaults to `ruleDocsUrl`. Return undefined for no link. */
  docLink?(ruleId: string, platform: Platform): string | undefined;
  /** Providers to consult (defaults to HOVER_PROVIDERS). */
  providers?: readonly HoverProvider[];
}

export interface HoverResult extends HoverContent {
  /** Providers that threw (the rest of the hover is still returned). */
  errors?: string[];
}

const contains = (span: Span, offset: number) => span.start <= offset && (offset < span.end || (offset === span.end && span.start < span.end) || span.start === offset);

/** Body of a `## <heading>` section of a rule doc (up to the next `## `), trimmed; undefined when absent. */
export function docSection(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^##\s/.test(lines[end])) end++;
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body || undefined;
}

/** The hover text for one finding: rule title, message, why / how to fix from the doc, link. */
export function findingHover(finding: Finding, options: Pick<HoverOptions, 'ruleDoc' | 'docLink'> = {}): string {
  const rule = getRule(finding.ruleId);
  const title = rule?.meta.title ?? finding.ruleId;
  const parts = [`**FlowGuard: ${title}** \`${finding.ruleId}\` (${finding.severity} severity, ${finding.confidence} confidence)`, finding.message];
  const doc = options.ruleDoc?.(finding.ruleId);
  if (doc) {
    const why = docSection(doc, 'Why it matters');
    const how = docSection(doc, 'How to fix');
    if (why) parts.push(`**Why it matters**\n\n${why}`);
    if (how) parts.push(`**How to fix**\n\n${how}`);
  }
  const safeFix = finding.fixes?.find((f) => f.safe);
  if (safeFix) parts.push(`Quick fix available: ${safeFix.title}.`);
  if (rule) {
    const link = options.docLink ? options.docLink(rule.meta.id, rule.meta.platform) : rule.meta.platform === 'core' ? undefined : ruleDocsUrl(rule.meta.id, rule.meta.platform);
    if (link) parts.push(`[Documentation for \`${rule.meta.id}\`](${link})`);
  }
  return parts.join('\n\n');
}

/**
 * Hover at `offset`: every finding whose span contains it, then what each provider says. Undefined when
 * there is nothing to say. The span is the narrowest contributing span (what the editor highlights).
 */
export function hoverAt(text: string, offset: number, options: HoverOptions = {}): HoverResult | undefined {
  const path = (options.path ?? '').replace(/\\/g, '/');
  const config = options.config ?? {};
  const kind = options.kind ?? detectKind(path, text, [...kindAssociations(config), ...(options.associations ?? [])]);
  const parts: HoverContent[] = [];
  const errors: string[] = [];

  const findings = options.findings ?? lint(text, { ...options, path, kind, config }).findings;
  for (const f of findings) {
    if (f.suppressed || !contains(f.span, offset)) continue;
    parts.push({ markdown: findingHover(f, options), span: f.span });
  }

  const providers = (options.providers ?? HOVER_PROVIDERS).filter((p) => p.kinds.includes(kind));
  const platform = platformFor(kind);
  if (providers.length && platform) {
    const file = parseYaml(text, platform.parseOptions?.(kind));
    const doc = file.documents.find((d) => d.range && d.range[0] <= offset && offset <= d.range[2]) ?? file.documents[0];
    let model: unknown;
    try {
      model = doc?.contents != null ? platform.buildModel(kind, doc, file) : undefined;
    } catch (e) {
      errors.push(`model: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (doc && model !== undefined) {
      const settings = defaultSettings(options.settings, resolveConfig(config, path));
      for (const p of providers) {
        try {
          const h = p.provide({ text, offset, kind, file, doc, model, settings });
          if (h && h.markdown) parts.push(h);
        } catch (e) {
          errors.push(`hover provider: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }

  if (!parts.length) return errors.length ? { markdown: '', span: { start: offset, end: offset }, errors } : undefined;
  const span = parts.reduce((a, b) => (b.span.end - b.span.start < a.end - a.start ? b.span : a), parts[0].span);
  const result: HoverResult = { markdown: parts.map((p) => p.markdown).join('\n\n---\n\n'), span };
  if (errors.length) result.errors = errors;
  return result;
}
