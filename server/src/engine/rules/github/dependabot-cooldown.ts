import type { YAMLMap } from 'yaml';
import { asMap, get, getPair, items, keySpan, scalarString, spanOf } from '../../yaml/nodes.js';
import { eolOf, indentBlock, insertPairEdit, mappingIndent } from '../../yaml/edit.js';
import { defineRule } from '../rule.js';

export default defineRule<YAMLMap<unknown, unknown>>({
  meta: {
    id: 'dependabot-cooldown',
    platform: 'github',
    kinds: ['github-dependabot'],
    title: 'Dependabot updates without a cooldown',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['dependabot-cooldown'] },
    defaultOptions: { days: 7 },
    optionsSchema: { type: 'object', properties: { days: { type: 'integer', minimum: 1, description: 'Minimum cooldown.default-days.' } } },
  },
  check(ctx) {
    const { doc } = ctx;
    const days = Number(ctx.options.days ?? 7);
    for (const raw of items(get(ctx.model, 'updates', doc), doc)) {
      const entry = asMap(raw, doc);
      if (!entry) continue;
      const eco = scalarString(get(entry, 'package-ecosystem', doc), doc) ?? 'this ecosystem';
      const cooldown = getPair(entry, 'cooldown', doc);
      const ecoSpan = keySpan(getPair(entry, 'package-ecosystem', doc)!) ?? spanOf(raw)!;
      if (!cooldown) {
        const col = mappingIndent(entry, ctx.text);
        ctx.report({
          span: ecoSpan,
          message: `Dependabot opens updates for ${eco} as soon as a release appears; add a cooldown (at least ${days} days) so compromised releases are caught before you merge them`,
          fixes: [{ title: `Add a ${days}-day cooldown`, safe: true, edits: [insertPairEdit(entry, 'cooldown', indentBlock([`default-days: ${days}`], col + 2, eolOf(ctx.text)), ctx.text)] }],
        });
        continue;
      }
      const dd = getPair(cooldown.value, 'default-days', doc);
      const value = Number(scalarString(dd?.value, doc));
      if (!dd) {
        const cmap = asMap(cooldown.value, doc);
        ctx.report({
          span: keySpan(cooldown)!,
          message: `The cooldown for ${eco} sets no default-days, so updates not covered by the semver-specific settings have none`,
          fixes: cmap ? [{ title: `Set default-days: ${days}`, safe: true, edits: [insertPairEdit(cmap, 'default-days', String(days), ctx.text)] }] : [],
        });
      } else if (Number.isFinite(value) && value < days) {
        ctx.report({
          span: spanOf(dd.value)!,
          message: `A ${value}-day cooldown for ${eco} is shorter than ${days} days, too short for a compromised release to be noticed and pulled`,
          fixes: [{ title: `Raise default-days to ${days}`, safe: true, edits: [{ start: spanOf(dd.value)!.start, end: spanOf(dd.value)!.end, newText: String(days) }] }],
        });
      }
    }
  },
});
