// The yaml blocks of a rule doc, read once for the tests that run them (docs.test.ts, persona.test.ts).

/** The file a doc example is linted as when its block has no `# path:` header, by the rule's first kind. */
export const DEFAULT_PATH: Record<string, string> = {
  'github-workflow': '.github/workflows/example.yml',
  'github-action': 'action.yml',
  'github-dependabot': '.github/dependabot.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  'kestra-flow': 'flows/example.yml',
};

export interface DocBlock {
  /** The Invalid or Valid example section the block is in; undefined elsewhere in the doc (How to fix...). */
  section: 'Invalid' | 'Valid' | undefined;
  code: string;
  path?: string;
  /** `# config: {...}` header line: a .flowguard.yml as JSON, for rules that need a policy. */
  config?: Record<string, unknown>;
  /** `# online: {...}` header line: online facts (partial OnlineFacts) for online-only rules. */
  online?: Record<string, unknown>;
  line: number;
}

export type Example = DocBlock & { section: 'Invalid' | 'Valid' };

/** Every yaml block of a doc, with its `# path:`, `# config:` and `# online:` headers (first three lines). */
export function yamlBlocks(md: string): DocBlock[] {
  const out: DocBlock[] = [];
  let section: DocBlock['section'];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const h = /^#{2,4}\s+(.*)$/.exec(l);
    if (h) {
      section = /^invalid/i.test(h[1]) ? 'Invalid' : /^valid/i.test(h[1]) ? 'Valid' : h[0].startsWith('## ') ? undefined : section;
      continue;
    }
    if (/^```ya?ml\b/.test(l)) {
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^```\s*$/.test(lines[j]); j++) body.push(lines[j]);
      let path: string | undefined;
      let config: Record<string, unknown> | undefined;
      let online: Record<string, unknown> | undefined;
      for (const header of body.slice(0, 3)) {
        const o = /^#\s*online:\s*(\{.*\})\s*$/.exec(header);
        if (o) online = { status: 'ok', refs: {}, commits: {}, advisories: {}, actions: {}, ...JSON.parse(o[1]) };
        const p = /^#\s*path:\s*(\S+)/.exec(header);
        const c = /^#\s*config:\s*(\{.*\})\s*$/.exec(header);
        if (p) path = p[1];
        if (c) config = JSON.parse(c[1]);
      }
      out.push({ section, code: body.join('\n') + '\n', path, config, online, line: i + 1 });
      i = j;
    }
  }
  return out;
}

/** The doc's Invalid and Valid examples. */
export function examples(md: string): Example[] {
  return yamlBlocks(md).filter((b): b is Example => b.section !== undefined);
}
