// GitLab's two kinds of substitution, found with exact spans:
// - `$VAR`, `${VAR}` (and `%VAR%` on Windows runners): CI/CD variables, expanded by GitLab in some
//   keywords and by the shell in scripts;
// - `$[[ inputs.name | fn | fn ]]`: inputs of `spec:inputs`, interpolated into the YAML text before
//   anything else runs (so into scripts as literal text, like GitHub's `${{ }}`).
import type { Span } from '../types.js';

export interface VariableRef {
  name: string;
  /** The whole reference, `$NAME` or `${NAME}`. */
  span: Span;
  /** The name only. */
  nameSpan: Span;
  braced: boolean;
  /** Index of the reference in the scanned string (for shell analysis of script values). */
  index: number;
}

export interface Interpolation {
  /** `$[[ ... ]]`. */
  span: Span;
  /** `inputs.name` (or other context path) as written. */
  path: string;
  pathSpan: Span;
  /** Input name when the path is `inputs.<name>`. */
  input?: string;
  functions: string[];
  index: number;
  error?: string;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * `$VAR` and `${VAR}` references in `value`. `$$` is GitLab's escape for a literal `$` and is skipped.
 * `map` turns an index into a document offset (identity by default).
 */
export function findVariables(value: string, map: (i: number) => number = (i) => i): VariableRef[] {
  const out: VariableRef[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') continue;
    if (value[i + 1] === '$') {
      i++;
      continue;
    }
    if (value[i + 1] === '{') {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(value);
      if (m && value[i + 2 + m[0].length] === '}') {
        const end = i + 3 + m[0].length;
        out.push({ name: m[0], span: { start: map(i), end: map(end) }, nameSpan: { start: map(i + 2), end: map(i + 2 + m[0].length) }, braced: true, index: i });
        i = end - 1;
      }
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(value);
    if (m) {
      const end = i + 1 + m[0].length;
      out.push({ name: m[0], span: { start: map(i), end: map(end) }, nameSpan: { start: map(i + 1), end: map(end) }, braced: false, index: i });
      i = end - 1;
    }
  }
  return out;
}

/** `$[[ inputs.x | fn(args) ]]` interpolations in `value`. */
export function findInterpolations(value: string, map: (i: number) => number = (i) => i): Interpolation[] {
  const out: Interpolation[] = [];
  let i = value.indexOf('$[[');
  while (i !== -1) {
    const close = value.indexOf(']]', i + 3);
    if (close === -1) {
      out.push({ span: { start: map(i), end: map(value.length) }, path: '', pathSpan: { start: map(i), end: map(value.length) }, functions: [], index: i, error: 'The interpolation is not closed: missing "]]"' });
      break;
    }
    const inner = value.slice(i + 3, close);
    const parts = inner.split('|');
    const first = parts[0];
    const lead = first.length - first.trimStart().length;
    const path = first.trim();
    const pathStart = i + 3 + lead;
    const m = /^inputs\.([A-Za-z0-9_-]+)$/.exec(path);
    out.push({
      span: { start: map(i), end: map(close + 2) },
      path,
      pathSpan: { start: map(pathStart), end: map(pathStart + path.length) },
      input: m?.[1],
      functions: parts.slice(1).map((f) => f.trim().replace(/\(.*$/s, '').trim()).filter(Boolean),
      index: i,
      error: path === '' ? 'Empty interpolation' : undefined,
    });
    i = value.indexOf('$[[', close + 2);
  }
  return out;
}
