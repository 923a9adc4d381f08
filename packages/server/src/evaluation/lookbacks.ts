/**
 * The window starts the change detector tries, as lookbacks in buckets: every bucket for the
 * first ten, then about 20% apart, up to the whole window. A change is caught by the lookback
 * nearest its onset, and the grid stays small (about 25 starts for a day of minutes), which
 * keeps an evaluation of many SLOs cheap.
 */
export function lookbacks(buckets: number): number[] {
  const out: number[] = [];
  let lookback = 1;
  while (lookback < buckets) {
    out.push(lookback);
    lookback = lookback < 10 ? lookback + 1 : Math.ceil(lookback * 1.2);
  }
  out.push(buckets);
  return out;
}
