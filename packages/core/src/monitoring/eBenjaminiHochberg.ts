/** The result of {@link eBenjaminiHochberg}. */
export interface EBenjaminiHochbergResult {
  /** Input positions of the rejected hypotheses, ascending. */
  readonly rejected: number[];
  /**
   * The cut-off used, log(m / (alpha k*)): a hypothesis is rejected exactly when its log e-value is
   * at least this. Infinity when nothing is rejected (including m = 0); NaN for an invalid alpha.
   */
  readonly logThreshold: number;
}

/**
 * The e-BH procedure (Wang & Ramdas 2022, "False discovery rate control with e-values",
 * J. R. Stat. Soc. B 84:822-852): with e-values e_1..e_m sorted descending,
 * e_(1) >= ... >= e_(m), reject the k* hypotheses with the largest e-values, where
 *
 *   k* = max{k in 1..m : e_(k) >= m / (alpha k)}   (k* = 0 when no k qualifies).
 *
 * The false discovery rate is at most alpha under arbitrary dependence between the e-values
 * (for e-values, unlike p-values, no independence or PRDS condition is needed), which is
 * what many cohorts x metrics evaluated on shared data need.
 *
 * Computed in log space on log e-values (so e-values beyond 1e308 are fine):
 * log e_(k) >= log(m / (alpha k)). Ties need no special handling: if e_(k*) = e_(k*+1), then k*+1
 * would also qualify, so the cut never splits tied values. -Infinity (no evidence) and NaN
 * (treated as -Infinity) are never rejected; +Infinity always is. m = 0 rejects nothing.
 * `alpha` must lie in (0, 1]; otherwise nothing is rejected and the threshold is NaN. O(m log m).
 */
export function eBenjaminiHochberg(
  logEValues: readonly number[],
  alpha: number,
): EBenjaminiHochbergResult {
  if (!(alpha > 0 && alpha <= 1)) return { rejected: [], logThreshold: NaN };
  const count = logEValues.length;
  const valueAt = (index: number): number => {
    const value = logEValues[index]!;
    return Number.isNaN(value) ? -Infinity : value;
  };
  const order = logEValues
    .map((_, index) => index)
    .sort((i, j) => descending(valueAt(i), valueAt(j)));
  for (let k = count; k >= 1; k--) {
    const logThreshold = Math.log(count / (alpha * k));
    if (valueAt(order[k - 1]!) >= logThreshold) {
      return { rejected: order.slice(0, k).sort((i, j) => i - j), logThreshold };
    }
  }
  return { rejected: [], logThreshold: Infinity };
}

/** A comparator for numbers, largest first, with -Infinity last and equal values equal. */
function descending(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}
