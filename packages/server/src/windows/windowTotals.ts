import { CELL_FIELDS } from './cellCounts.js';
import type { ModelStatistics } from './modelStatistics.js';
import { SCORE_FIELDS } from './scoreCounts.js';
import { windowSpans } from './windowSpans.js';

/** A model's statistics summed over a window. */
export interface WindowTotals {
  /** cells x CELL_FIELDS counts. */
  readonly counts: Float64Array;
  /** cells x SCORE_FIELDS score statistics; null when not asked for or no prediction had one. */
  readonly scores: Float64Array | null;
}

/**
 * The counts (and, with `withScores`, score statistics) of a model's buckets of tier `at`
 * that start in [from, to), summed over its versions (or the one named), read from the
 * coarsest tiers that cover them exactly (windowSpans).
 */
export function windowTotals(
  statistics: ModelStatistics,
  version: string | null,
  at: number,
  from: number,
  to: number,
  withScores: boolean,
): WindowTotals {
  const cells = statistics.cells.size;
  const counts = new Float64Array(cells * CELL_FIELDS);
  const scores = withScores ? new Float64Array(cells * SCORE_FIELDS) : null;
  let scored = false;
  for (const v of statistics.versions.values()) {
    if (version !== null && v.version !== version) continue;
    for (const span of windowSpans(v.tiers, at, from, to)) {
      span.tier.addCountsInto(span.from, span.to, counts);
      if (scores !== null && span.tier.addScoresInto(span.from, span.to, scores)) scored = true;
    }
  }
  return { counts, scores: scored ? scores : null };
}
