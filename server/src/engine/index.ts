// Public surface of the engine. Pure: no editor, file system, process or network access.
export { lint, defaultSettings, DEFAULT_MAX_FILE_SIZE, type LintOptions, type LintResult } from './lint.js';
export { parseConfig, resolveConfig, kindAssociations, type FlowGuardConfig, type ParsedConfig } from './config.js';
export { detectKind, globMatch, type KindAssociation } from './kinds.js';
export { RULES, getRule } from './rules/index.js';
export type { Rule, RuleMeta, LintSettings, WorkspaceView } from './rules/rule.js';
export { applyEdits, selectFixes } from './fix.js';
export { ignoreCommentEdit } from './suppress.js';
export { hoverAt, findingHover, docSection, HOVER_PROVIDERS, type HoverProvider, type HoverContext, type HoverContent, type HoverOptions, type HoverResult } from './hover.js';
export { LineIndex, type Position } from './text.js';
export { ruleDocsUrl, ruleSourceDocPath, ruleBundledDocPath, REPOSITORY_URL } from './docs.js';
export * from './types.js';
