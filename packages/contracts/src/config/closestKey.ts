/** Typo suggestions for unknown keys. */

/**
 * Optimal string alignment distance: the fewest insertions, deletions, substitutions and
 * swaps of adjacent characters that turn `a` into `b` (Damerau-Levenshtein without
 * editing a substring twice).
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] is the distance between a[0, i) and b[0, j); three rows are enough.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `publicUrl`, `Public-URL` and `public_url` are the same key to a reader. */
function normalized(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/**
 * The known key `key` was probably meant to be, or null when none is close: the same key
 * spelt in another case or with other separators, else the nearest key within one edit for
 * short keys and two for keys of five or more characters.
 */
export function closestKey(key: string, known: readonly string[]): string | null {
  const sameWords = known.find((candidate) => normalized(candidate) === normalized(key));
  if (sameWords !== undefined) return sameWords;
  const allowed = key.length >= 5 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
