/**
 * Confusion counts of one cohort at the decision threshold. With sample weights each count is
 * a sum of weights, and `squares` holds the matching sums of squared weights, from which the
 * Kish effective sample size of any rate follows. Without weights `squares` is null.
 */
export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly squares: {
    readonly tp: number;
    readonly fp: number;
    readonly tn: number;
    readonly fn: number;
  } | null;
}

export type Quadrant = 'tp' | 'fp' | 'tn' | 'fn';

/** Total weight (the row count when unweighted). */
export function totalCount(counts: ConfusionCounts): number {
  return counts.tp + counts.fp + counts.tn + counts.fn;
}

/**
 * The successes and trials of the rate numerator / (numerator + others), as a binomial sample
 * that intervals and tests can use. Unweighted, these are the counts themselves. Weighted, they
 * are rescaled to the Kish effective sample size n_eff = (sum w)^2 / sum w^2, which keeps the
 * rate and gives its sampling variance p(1-p)/n_eff.
 */
export function effectiveBinomial(
  counts: ConfusionCounts,
  numerator: readonly Quadrant[],
  denominator: readonly Quadrant[],
): { successes: number; trials: number } {
  let successes = 0;
  let trials = 0;
  for (const q of numerator) successes += counts[q];
  for (const q of denominator) trials += counts[q];
  if (counts.squares === null || trials <= 0) return { successes, trials };
  let squares = 0;
  for (const q of denominator) squares += counts.squares[q];
  const effectiveTrials = squares > 0 ? (trials * trials) / squares : 0;
  return { successes: (successes / trials) * effectiveTrials, trials: effectiveTrials };
}
