// Rule documentation as the server ships it: dist/docs/rules/<id>.md next to the bundle (copied by
// esbuild.mjs), or the source tree when running from a checkout. Links are file URIs to the shipped doc
// (offline, opened inside VS Code) or the web URL, per the `docsLinks` setting.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRule, ruleBundledDocPath, ruleDocsUrl, ruleSourceDocPath, type Rule } from '../engine/index.js';
import type { RuleDocsResult } from './protocol.js';
import { pathToUri } from './workspace.js';

export class RuleDocs {
  private readonly cache = new Map<string, { path?: string; markdown?: string }>();

  /** `roots`: directories that may hold `dist/docs/rules` or the source tree (the extension / repo root). */
  constructor(private readonly roots: readonly string[]) {}

  private entry(ruleId: string) {
    let e = this.cache.get(ruleId);
    if (e) return e;
    e = {};
    const rule = getRule(ruleId);
    if (rule && /^[a-z0-9-]+$/.test(ruleId)) {
      for (const root of this.roots) {
        for (const rel of [ruleBundledDocPath(ruleId), ruleSourceDocPath(ruleId, rule.meta.platform)]) {
          const p = join(root, rel);
          if (!existsSync(p)) continue;
          try {
            e = { path: p, markdown: readFileSync(p, 'utf8') };
          } catch {
            continue;
          }
          break;
        }
        if (e.path) break;
      }
    }
    this.cache.set(ruleId, e);
    return e;
  }

  markdown(ruleId: string): string | undefined {
    return this.entry(ruleId).markdown;
  }

  localUri(ruleId: string): string | undefined {
    const p = this.entry(ruleId).path;
    return p ? pathToUri(p) : undefined;
  }

  /** The link for diagnostics and hovers. Engine rules without a doc (yaml-syntax...) get none. */
  link(ruleId: string, mode: 'local' | 'web'): string | undefined {
    const rule = getRule(ruleId);
    if (!rule) return undefined;
    const local = this.localUri(ruleId);
    if (mode === 'local' && local) return local;
    return rule.meta.platform === 'core' && !local ? undefined : ruleDocsUrl(ruleId, rule.meta.platform);
  }

  describe(rule: Rule): RuleDocsResult {
    const m = rule.meta;
    const markdown = this.markdown(m.id) ?? `# ${m.id}\n\n${m.title}.\n\nSeverity ${m.severity}, confidence ${m.confidence}. This check is part of the FlowGuard engine and has no separate documentation page.\n`;
    const out: RuleDocsResult = { ruleId: m.id, title: m.title, platform: m.platform, markdown, webUrl: ruleDocsUrl(m.id, m.platform) };
    const local = this.localUri(m.id);
    if (local) out.localUri = local;
    return out;
  }
}
