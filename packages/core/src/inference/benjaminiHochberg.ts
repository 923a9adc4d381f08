/**
 * Benjamini-Hochberg step-up adjusted p-values (q-values) controlling the false discovery rate
 * (Benjamini & Hochberg 1995, J. R. Stat. Soc. B 57:289-300). With p_(1) <= ... <= p_(m) sorted
 * ascending,
 *
 *   q_(i) = min(1, min_{j >= i} m p_(j) / j),
 *
 * and each q is returned at the position of its p-value (input order is preserved). Same values as
 * `statsmodels.stats.multitest.multipletests(p, method='fdr_bh')[1]`. Input is assumed NaN-free;
 * an empty input gives an empty output. O(m log m).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((_, index) => index).sort((i, j) => pValues[i]! - pValues[j]!);
  const adjusted = new Array<number>(count);
  let running = 1;
  for (let rank = count; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    running = Math.min(running, (pValues[index]! * count) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
