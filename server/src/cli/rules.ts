// `flowguard rules`: every rule with its metadata (equivalents in peer tools included), as a table,
// JSON or a Markdown table (the README's rule list is generated from the latter).
import { RULES, ruleDocsUrl, type Rule } from '../engine/index.js';
import { parseArgs, type OptionSpec } from './args.js';
import { equivalentsText } from './format/sarif.js';
import type { CliIO } from './io.js';

export const RULES_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', choices: ['text', 'json', 'markdown'], short: 'f' },
  platform: { type: 'string', choices: ['core', 'github', 'gitlab', 'kestra'] },
  help: { type: 'boolean', short: 'h' },
};

export const RULES_HELP = `Usage: flowguard rules [--format text|json|markdown] [--platform core|github|gitlab|kestra]

Lists every rule: id, platform, default severity, confidence, the persona that sees it, whether it has a
fix, its title, the same check in other tools (zizmor, actionlint, poutine, glsec, kics) and its docs.
`;

export function ruleJson(rule: Rule) {
  const m = rule.meta;
  return {
    id: m.id,
    platform: m.platform,
    kinds: [...m.kinds],
    title: m.title,
    severity: m.severity,
    confidence: m.confidence,
    persona: m.persona,
    fixable: m.fixable ?? null,
    equivalents: m.equivalents ?? {},
    defaultOptions: m.defaultOptions ?? {},
    docsUrl: ruleDocsUrl(m.id, m.platform),
  };
}

/** A Markdown table of rules; `link` gives each rule's doc link (none: the id is not linked). */
export function rulesMarkdown(rules: readonly Rule[] = RULES, link: (rule: Rule) => string | undefined = (r) => ruleDocsUrl(r.meta.id, r.meta.platform)): string {
  const rows = rules.map((r) => {
    const m = r.meta;
    const fix = m.fixable === 'safe' ? 'safe' : m.fixable === 'unsafe' ? 'unsafe' : '';
    const eq = equivalentsText(m).replace(/\|/g, '\\|');
    const href = link(r);
    const id = href ? `[\`${m.id}\`](${href})` : `\`${m.id}\``;
    return `| ${id} | ${m.platform} | ${m.title.replace(/\|/g, '\\|')} | ${m.severity} | ${m.persona} | ${fix} | ${eq} |`;
  });
  return ['| Rule | Platform | What it finds | Severity | Persona | Fix | Equivalents |', '|---|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

function rulesText(rules: readonly Rule[]): string {
  const cols = rules.map((r) => {
    const m = r.meta;
    return [m.id, m.platform, m.severity, m.confidence, m.persona, m.fixable ? `fix:${m.fixable}` : '-', m.title];
  });
  const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...cols.map((c) => c[i].length), ['RULE', 'PLATFORM', 'SEVERITY', 'CONFIDENCE', 'PERSONA', 'FIX'][i].length));
  const line = (c: string[]) => c.map((v, i) => (i < 6 ? v.padEnd(widths[i]) : v)).join('  ').trimEnd();
  const out = [line(['RULE', 'PLATFORM', 'SEVERITY', 'CONFIDENCE', 'PERSONA', 'FIX', 'TITLE'])];
  rules.forEach((r, i) => {
    out.push(line(cols[i]));
    const eq = equivalentsText(r.meta);
    if (eq) out.push(`${' '.repeat(widths[0] + 2)}equivalents: ${eq}`);
  });
  out.push('', `${rules.length} rules. Docs: flowguard rules --format json (docsUrl), or the links in the README.`);
  return out.join('\n') + '\n';
}

export function rulesCommand(argv: string[], io: CliIO): number {
  const { positionals, options } = parseArgs(argv, RULES_OPTIONS);
  if (options.help) {
    io.writeOut(RULES_HELP);
    return 0;
  }
  const rules = RULES.filter((r) => !positionals.length || positionals.includes(r.meta.id)).filter((r) => !options.platform || r.meta.platform === options.platform);
  const unknown = positionals.filter((id) => !RULES.some((r) => r.meta.id === id));
  if (unknown.length) io.writeErr(`flowguard: unknown rule${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}\n`);
  const format = options.format ?? 'text';
  if (format === 'json') io.writeOut(JSON.stringify(rules.map(ruleJson), null, 2) + '\n');
  else if (format === 'markdown') io.writeOut(rulesMarkdown(rules));
  else io.writeOut(rulesText(rules));
  return unknown.length ? 2 : 0;
}
