// LSP hover over the engine's hoverAt, fed with the cached lint result of the current version (no re-lint).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { hoverAt, type FlowGuardConfig, type LintSettings, type Rule } from '../engine/index.js';
import type { KindAssociation } from '../engine/kinds.js';
import { toOffset, toRange } from './convert.js';
import type { LintEntry } from './documents.js';
import type { RuleDocs } from './ruleDocs.js';

export interface HoverRequest {
  entry: LintEntry;
  position: Position;
  config: FlowGuardConfig;
  settings: Partial<LintSettings>;
  associations: readonly KindAssociation[];
  docs: RuleDocs;
  docsLinks: 'local' | 'web';
  rules?: readonly Rule[];
  /** Where provider errors go (they never fail the hover). */
  log(message: string): void;
}

export function lspHover(req: HoverRequest): Hover | null {
  const { entry } = req;
  const offset = toOffset(entry.lines, req.position);
  const result = hoverAt(entry.text, offset, {
    path: entry.located.path,
    kind: entry.result.kind,
    config: req.config,
    settings: req.settings,
    associations: req.associations,
    findings: entry.result.findings,
    rules: req.rules,
    ruleDoc: (id) => req.docs.markdown(id),
    docLink: (id) => req.docs.link(id, req.docsLinks),
  });
  for (const e of result?.errors ?? []) req.log(`hover on ${entry.located.path || 'untitled'}: ${e}`);
  if (!result?.markdown) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(entry.lines, result.span) };
}
