/** The q-quantile of ascending `sorted` by nearest rank: the smallest value with at least q of the values at or below it. */
export function nearestRank(sorted, q) {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
