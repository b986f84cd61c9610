// Text search for locating `run:` commands in the document, linear in the text: the first index of
// many patterns at once (Aho–Corasick) and `HeadSearch`, which finds a command's first words in the
// scalar's source text the way the regex `w1(?:\s|\\\r?\n)+w2(?:\s|\\\r?\n)+w3` would (YAML indentation,
// folding and `\` continuations between the words), without compiling a regex per command.

/** The code units JavaScript's `\s` (and `String.prototype.trim`) treats as white space. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Length of the separator `\s` or `\` + line break (`\\\r?\n`) at `i`, 0 when there is none. */
function separatorAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isSpace(c)) return 1;
  if (c !== 92) return 0;
  const d = s.charCodeAt(i + 1);
  return d === 10 ? 2 : d === 13 && s.charCodeAt(i + 2) === 10 ? 3 : 0;
}

/** Whether `words[k..]` follow at `at`, each after one or more separators (every split is tried, as a regex backtracks). */
function restMatches(s: string, at: number, words: readonly string[], k: number): boolean {
  const w = words[k];
  for (let i = at, n = separatorAt(s, i); n > 0; n = separatorAt(s, i)) {
    i += n;
    if (s.startsWith(w, i) && (k + 1 === words.length || restMatches(s, i + w.length, words, k + 1))) return true;
  }
  return false;
}

/** Leftmost index >= `from` where `words` occur separated as above, or -1. */
function scan(s: string, words: readonly string[], from: number): number {
  const w = words[0];
  for (let p = s.indexOf(w, from); p !== -1; p = s.indexOf(w, p + 1)) if (words.length === 1 || restMatches(s, p + w.length, words, 1)) return p;
  return -1;
}

/**
 * Finds command heads (a script line's first words) in one source text, left to right. A head that
 * does not occur (the script differs from its source by escapes or quoting) would cost a scan to the
 * end of the text every time; once such scans add up to twice the text, the last occurrence of every
 * head is computed in one pass, and a head that does not occur after the cursor fails at once.
 */
export class HeadSearch {
  private failedScans = 0;
  private last: Map<string, number> | undefined;

  constructor(
    private readonly source: string,
    /** Every head that will be looked for (for the one-pass index). */
    private readonly heads: () => readonly (readonly string[])[],
  ) {}

  /** Leftmost index >= `from` where `words` (non-empty, no white space in them) occur, or -1. */
  find(words: readonly string[], from: number): number {
    const key = this.last && indexable(words) ? words.join(' ') : undefined;
    if (key !== undefined && (this.last!.get(key) ?? -1) < from) return -1;
    const at = scan(this.source, words, from);
    if (at === -1 && key === undefined) {
      this.failedScans += this.source.length - from;
      if (!this.last && this.failedScans > 2 * this.source.length + 4096) this.last = lastOccurrences(this.source, this.heads());
    }
    return at;
  }
}

/**
 * Heads whose words neither start nor end with `\` match exactly where `words.join(' ')` matches the
 * text with each run of separators written as one space (a `\` at a word's edge could belong to a
 * `\` + line break separator instead).
 */
function indexable(words: readonly string[]): boolean {
  for (const w of words) if (w.charCodeAt(0) === 92 || w.charCodeAt(w.length - 1) === 92) return false;
  return true;
}

/** Last source index of each indexable head (joined with spaces as the key); absent heads are left out. */
function lastOccurrences(source: string, heads: readonly (readonly string[])[]): Map<string, number> {
  // The source with separator runs collapsed to one space, reversed, and where each of its characters starts.
  const reversed: string[] = [];
  const startOf: number[] = [];
  for (let i = 0; i < source.length; ) {
    let n = separatorAt(source, i);
    startOf.push(i);
    if (n === 0) {
      reversed.push(source[i]);
      i++;
      continue;
    }
    reversed.push(' ');
    for (i += n; (n = separatorAt(source, i)) > 0; ) i += n;
  }
  const text = reversed.reverse().join('');
  const keys = [...new Set(heads.filter(indexable).map((h) => h.join(' ')))];
  const first = firstIndexes(text, keys.map((k) => k.split('').reverse().join('')));
  const out = new Map<string, number>();
  keys.forEach((k, i) => {
    // A match at reversed index r ends at normalised index text.length - 1 - r and starts k.length - 1 before.
    if (first[i] >= 0) out.set(k, startOf[text.length - first[i] - k.length]);
  });
  return out;
}

/**
 * The first index of each pattern in `text` (-1 when absent), what `text.indexOf(p)` gives for each.
 * Many patterns over a long text would make that quadratic; they are then found in one pass.
 */
export function firstIndexes(text: string, patterns: readonly string[]): number[] {
  if (patterns.length <= 32 || text.length <= 2048) return patterns.map((p) => text.indexOf(p));
  const unique = new Map<string, number>();
  for (const p of patterns) if (p && !unique.has(p)) unique.set(p, unique.size);
  const found = ahoCorasickFirst(text, [...unique.keys()]);
  return patterns.map((p) => (p ? found[unique.get(p)!] : 0));
}

/** Aho–Corasick over non-empty, distinct patterns, reporting each pattern at its first occurrence only. */
function ahoCorasickFirst(text: string, patterns: readonly string[]): number[] {
  const result = patterns.map(() => -1);
  // Trie: edges in one map keyed by node * 65536 + code unit; children also listed for the breadth-first pass.
  const edge = new Map<number, number>();
  const firstChild: number[] = [-1];
  const sibling: number[] = [-1];
  const pattern: number[] = [-1];
  patterns.forEach((p, id) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const key = node * 65536 + p.charCodeAt(i);
      let next = edge.get(key);
      if (next === undefined) {
        next = pattern.length;
        edge.set(key, next);
        pattern.push(-1);
        firstChild.push(-1);
        sibling.push(firstChild[node]);
        firstChild[node] = next;
      }
      node = next;
    }
    pattern[node] = id;
  });
  const n = pattern.length;
  const codeOf = new Array<number>(n).fill(0);
  for (const [key, node] of edge) codeOf[node] = key % 65536;
  // Failure links, and `output`: the nearest node on the failure chain (itself included) ending a pattern.
  const fail = new Array<number>(n).fill(0);
  const output = new Array<number>(n).fill(-1);
  const queue: number[] = [];
  for (let c = firstChild[0]; c !== -1; c = sibling[c]) queue.push(c);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    output[v] = pattern[v] >= 0 ? v : output[fail[v]];
    for (let c = firstChild[v]; c !== -1; c = sibling[c]) {
      let f = fail[v];
      let to = edge.get(f * 65536 + codeOf[c]);
      while (to === undefined && f !== 0) {
        f = fail[f];
        to = edge.get(f * 65536 + codeOf[c]);
      }
      fail[c] = to ?? 0;
      queue.push(c);
    }
  }
  // Nodes whose pattern was reported are skipped through `next` (compressed as in union-find), so every
  // pattern costs one report however often it occurs.
  const next = new Array<number>(n);
  for (let v = 0; v < n; v++) next[v] = output[fail[v]];
  const reported = new Uint8Array(n);
  const live = (v: number): number => {
    let r = v;
    while (r !== -1 && reported[r]) r = next[r];
    while (v !== r) {
      const after = next[v];
      next[v] = r;
      v = after;
    }
    return r;
  };
  let left = patterns.length;
  let state = 0;
  for (let i = 0; i < text.length && left > 0; i++) {
    const code = text.charCodeAt(i);
    let to = edge.get(state * 65536 + code);
    while (to === undefined && state !== 0) {
      state = fail[state];
      to = edge.get(state * 65536 + code);
    }
    state = to ?? 0;
    for (let v = live(output[state]); v !== -1; v = live(next[v])) {
      reported[v] = 1;
      result[pattern[v]] = i - patterns[pattern[v]].length + 1;
      left--;
    }
  }
  return result;
}
