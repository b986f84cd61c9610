// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Rule entries come from rule metadata
// (help URI = the rule's doc); results carry 1-based regions relative to %SRCROOT% (the repository root)
// and a partial fingerprint that survives unrelated edits moving the finding to another line.
import { createHash } from 'node:crypto';
import { REPOSITORY_URL, RULES, ruleDocsUrl, type Confidence, type Rule, type RuleMeta, type Severity } from '../../engine/index.js';
import { range, type AuditReport } from '../report.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'warning', info: 'note' };
/** GitHub maps security-severity to critical (>= 9), high (>= 7), medium (>= 4), low. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

export function equivalentsText(meta: RuleMeta): string {
  return Object.entries(meta.equivalents ?? {})
    .filter(([, ids]) => ids?.length)
    .map(([tool, ids]) => `${tool}: ${(ids as string[]).join(', ')}`)
    .join('; ');
}

function sarifRule(rule: Rule, doc?: string) {
  const m = rule.meta;
  const url = ruleDocsUrl(m.id, m.platform);
  const equivalents = equivalentsText(m);
  const facts = `Severity ${m.severity}, confidence ${m.confidence}, shown from the '${m.persona}' persona${m.fixable ? `; ${m.fixable === 'safe' ? 'safe fix available (flowguard audit --fix)' : 'fix available (flowguard audit --fix=all; review it)'}` : ''}.`;
  return {
    id: m.id,
    name: m.id.replace(/(^|-)([a-z0-9])/g, (_s, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: `${m.title}. ${facts}` },
    helpUri: url,
    help: {
      text: `${m.title}.\n${facts}${equivalents ? `\nEquivalents: ${equivalents}.` : ''}\nDocumentation: ${url}`,
      markdown: doc
        ? `${doc.trimEnd()}\n\n[Documentation](${url})`
        : `**${m.title}**\n\n${facts}${equivalents ? `\n\nEquivalents: ${equivalents}.` : ''}\n\n[Documentation](${url})`,
    },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: {
      tags: ['security', m.platform, ...(m.platform === 'core' ? [] : ['ci-cd'])],
      severity: m.severity,
      confidence: m.confidence,
      persona: m.persona,
      precision: PRECISION[m.confidence],
      'problem.severity': m.severity === 'info' ? 'recommendation' : LEVEL[m.severity],
      'security-severity': SECURITY_SEVERITY[m.severity],
      ...(m.equivalents ? { equivalents: m.equivalents } : {}),
    },
  };
}

/** `ruleDoc` supplies a rule's Markdown documentation for `help.markdown` when it is at hand. */
export function toSarif(report: AuditReport, version: string, ruleDoc?: (id: string) => string | undefined) {
  const rules = [...RULES];
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results = [];
  for (const file of report.files) {
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      let ruleIndex = index.get(f.ruleId);
      if (ruleIndex === undefined) {
        // A finding from a rule the registry does not list (should not happen): still a valid entry.
        rules.push({ meta: { id: f.ruleId, platform: 'core', kinds: [], title: f.ruleId, severity: f.severity, confidence: f.confidence, persona: f.persona }, check() {} });
        ruleIndex = rules.length - 1;
        index.set(f.ruleId, ruleIndex);
      }
      const flagged = file.text.slice(f.span.start, f.span.end).replace(/\s+/g, ' ').trim();
      const base = `${f.ruleId}\0${file.uri}\0${flagged}\0${f.message}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const location = (span: { start: number; end: number }) => {
        const rr = range(file.lines, { ...f, span });
        return {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(file.uri), uriBaseId: '%SRCROOT%' },
            region: { startLine: rr.start.line, startColumn: rr.start.column, endLine: rr.end.line, endColumn: rr.end.column },
          },
        };
      };
      results.push({
        ruleId: f.ruleId,
        ruleIndex,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [location(f.span)],
        ...(f.related?.length ? { relatedLocations: f.related.map((rel, i) => ({ id: i + 1, message: { text: rel.message }, ...location(rel.span) })) } : {}),
        partialFingerprints: { 'flowguardFindingHash/v1': `${createHash('sha256').update(base).digest('hex').slice(0, 32)}:${n}` },
        properties: { severity: f.severity, confidence: f.confidence, 'security-severity': SECURITY_SEVERITY[f.severity] },
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'FlowGuard',
            version,
            semanticVersion: version,
            informationUri: REPOSITORY_URL,
            rules: rules.map((r) => sarifRule(r, ruleDoc?.(r.meta.id))),
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error' as const,
              message: { text: `${e.display}: ${e.message}` },
              ...(e.uri ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(e.uri), uriBaseId: '%SRCROOT%' } } }] } : {}),
            })),
          },
        ],
        columnKind: 'utf16CodeUnits' as const,
        results,
      },
    ],
  };
}

/** A relative URI reference: each path segment percent-encoded. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: AuditReport, version: string, ruleDoc?: (id: string) => string | undefined): string {
  return JSON.stringify(toSarif(report, version, ruleDoc), null, 2) + '\n';
}
