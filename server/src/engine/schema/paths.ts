// Names the place a JSON pointer points to, in the words of the document's domain: "job 'build'",
// "step 2 of job 'build'", "trigger 'push'". Schema messages say "<field> in <owner>".

export interface Place {
  /** The nearest named thing containing the node: "job 'build'", "the workflow". */
  owner: string;
  /** The path from the owner to the node, dotted (`strategy.matrix.include[0]`); '' for the owner itself. */
  field: string;
  /** True when the pointer names an event under `on:` (so unknown keys there are events). */
  inEvents?: boolean;
}

/** `data` is the whole document as JSON, for labels such as an update's ecosystem. */
export type PathDescriber = (segments: string[], data?: unknown) => Place;

const isIndex = (s: string) => /^\d+$/.test(s);

export function fieldPath(segments: string[]): string {
  let out = '';
  for (const s of segments) out += isIndex(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** Places in a workflow: the workflow, triggers, jobs, steps and services. */
export const describeWorkflowPath: PathDescriber = (segs) => {
  const [a, b, c, d] = segs;
  if (a === 'jobs' && b !== undefined) {
    if (c === 'steps' && d !== undefined && isIndex(d)) return { owner: `step ${Number(d) + 1} of job '${b}'`, field: fieldPath(segs.slice(4)) };
    if (c === 'services' && d !== undefined) return { owner: `service '${d}' of job '${b}'`, field: fieldPath(segs.slice(4)) };
    return { owner: `job '${b}'`, field: fieldPath(segs.slice(2)) };
  }
  if (a === 'on' && b !== undefined && !isIndex(b)) {
    if (c === 'inputs' && d !== undefined) return { owner: `input '${d}' of trigger '${b}'`, field: fieldPath(segs.slice(4)) };
    if (c === 'outputs' && d !== undefined) return { owner: `output '${d}' of trigger '${b}'`, field: fieldPath(segs.slice(4)) };
    if (c === 'secrets' && d !== undefined) return { owner: `secret '${d}' of trigger '${b}'`, field: fieldPath(segs.slice(4)) };
    if (b === 'schedule' && c !== undefined && isIndex(c)) return { owner: `schedule ${Number(c) + 1} of trigger 'schedule'`, field: fieldPath(segs.slice(3)) };
    return { owner: `trigger '${b}'`, field: fieldPath(segs.slice(2)) };
  }
  return { owner: 'the workflow', field: fieldPath(segs), inEvents: a === 'on' && segs.length <= 2 };
};

/** Places in action metadata: inputs, outputs, `runs` and composite steps. */
export const describeActionPath: PathDescriber = (segs) => {
  const [a, b, c] = segs;
  if (a === 'runs') {
    if (b === 'steps' && c !== undefined && isIndex(c)) return { owner: `step ${Number(c) + 1} of the composite action`, field: fieldPath(segs.slice(3)) };
    return { owner: "'runs'", field: fieldPath(segs.slice(1)) };
  }
  if ((a === 'inputs' || a === 'outputs') && b !== undefined) return { owner: `${a === 'inputs' ? 'input' : 'output'} '${b}'`, field: fieldPath(segs.slice(2)) };
  return { owner: 'the action metadata', field: fieldPath(segs) };
};

/** Places in dependabot.yml: updates (labelled by ecosystem), their groups, registries, multi-ecosystem groups. */
export const describeDependabotPath: PathDescriber = (segs, data) => {
  const [a, b, c, d] = segs;
  if (a === 'updates' && b !== undefined && isIndex(b)) {
    const eco = (data as { updates?: { 'package-ecosystem'?: unknown }[] } | undefined)?.updates?.[Number(b)]?.['package-ecosystem'];
    const update = `update ${Number(b) + 1}${typeof eco === 'string' && eco ? ` (${eco})` : ''}`;
    if (c === 'groups' && d !== undefined) return { owner: `group '${d}' of ${update}`, field: fieldPath(segs.slice(4)) };
    return { owner: update, field: fieldPath(segs.slice(2)) };
  }
  if (a === 'registries' && b !== undefined) return { owner: `registry '${b}'`, field: fieldPath(segs.slice(2)) };
  if (a === 'multi-ecosystem-groups' && b !== undefined) return { owner: `multi-ecosystem group '${b}'`, field: fieldPath(segs.slice(2)) };
  return { owner: 'the Dependabot configuration', field: fieldPath(segs) };
};
