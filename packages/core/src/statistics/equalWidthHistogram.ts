/** Counts of values in equal-width bins between the smallest and largest value. */
export interface EqualWidthHistogram {
  /** `bins + 1` bin edges, ascending; bin i is [edges[i], edges[i + 1]), the last one closed. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/**
 * The equal-width histogram of `values` over [min, max] in `bins` bins, as numpy.histogram
 * computes it with `range=None`: edges `min + i (max - min) / bins` (the last edge exactly
 * `max`), every bin half-open except the last, which holds `max`. When all values are equal,
 * the range is widened to [v - 0.5, v + 0.5]. Non-finite values must be left out by the
 * caller. With no values the edges span [0, 1] and every count is 0.
 *
 * Several samples can share one set of edges: pass them all to `edges` via `over`, then
 * count each with `countInto`.
 */
export function equalWidthHistogram(
  values: readonly number[],
  bins: number,
  over: readonly number[] = values,
): EqualWidthHistogram {
  const edges = equalWidthEdges(over, bins);
  return { edges, counts: countInto(values, edges) };
}

/** The `bins + 1` edges of equal-width bins over the range of `values` (numpy's rule). */
export function equalWidthEdges(values: readonly number[], bins: number): number[] {
  if (!Number.isSafeInteger(bins) || bins < 1) throw new RangeError('bins must be at least 1');
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (values.length === 0) {
    low = 0;
    high = 1;
  } else if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const step = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => low + i * step);
  edges[bins] = high;
  return edges;
}

/**
 * How many of `values` fall in each bin of `edges` (equal width, as `equalWidthEdges` makes
 * them); values outside [first edge, last edge] are not counted.
 */
export function countInto(values: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const low = edges[0]!;
  const high = edges[bins]!;
  const scale = bins / (high - low);
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) {
    if (!(value >= low && value <= high)) continue;
    // The arithmetic guess can be one bin off next to an edge: correct it against the edges
    // themselves, as numpy does.
    let at = Math.min(Math.floor((value - low) * scale), bins - 1);
    if (value < edges[at]!) at -= 1;
    else if (at < bins - 1 && value >= edges[at + 1]!) at += 1;
    counts[at]! += 1;
  }
  return counts;
}
