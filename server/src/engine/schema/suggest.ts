// "Did you mean" for misspelled keys and values: the closest candidate by edit distance, where close
// enough to be a plausible typo (case and `_`/`-` mix-ups count as exact) and not tied with another.

const normalise = (s: string) => s.toLowerCase().replace(/_/g, '-');

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** The candidate the user most likely meant, or undefined when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = normalise(word);
  if (!w) return undefined;
  // Up to 1 edit for short words, 2 from 5 characters, 3 from 10: beyond that it is another word.
  const limit = w.length < 5 ? 1 : w.length < 10 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let ties = 0;
  for (const c of candidates) {
    if (c === word) continue;
    const d = normalise(c) === w ? 0 : editDistance(w, normalise(c), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      ties = 0;
    } else if (d === bestDistance) {
      ties++;
    }
  }
  // Several equally close candidates (node18 -> node12? node16? node20?): guessing would mislead.
  if (ties > 0) return undefined;
  return bestDistance <= limit ? best : undefined;
}
