import {
  ALL_HISTOGRAM,
  LABEL_HISTOGRAM,
  SCORE_BINS,
  SCORE_FIELDS,
} from '../windows/scoreCounts.js';

/** A group's score histograms over a window, as the metrics API shows them. */
export interface ScoreDistributionView {
  readonly bins: number;
  /** SCORE_BINS + 1 bin edges; bin k is [edges[k], edges[k + 1]), the last closed. */
  readonly edges: readonly number[];
  /** Labelled predictions with a score, by label. */
  readonly labelled: { readonly positive: number[]; readonly negative: number[] };
  /** Every prediction with a score, labelled or not. */
  readonly all: number[];
}

const EDGES = Array.from({ length: SCORE_BINS + 1 }, (_, k) => k / SCORE_BINS);

/** The summed score histograms of `cells` (rows of `scoreTotals`, SCORE_FIELDS each). */
export function scoreDistributionOf(
  scoreTotals: Float64Array | null,
  cells: readonly number[],
): ScoreDistributionView {
  const positive = new Array<number>(SCORE_BINS).fill(0);
  const negative = new Array<number>(SCORE_BINS).fill(0);
  const all = new Array<number>(SCORE_BINS).fill(0);
  if (scoreTotals !== null) {
    for (const cell of cells) {
      const row = cell * SCORE_FIELDS;
      for (let bin = 0; bin < SCORE_BINS; bin++) {
        all[bin]! += scoreTotals[row + ALL_HISTOGRAM + bin]!;
        negative[bin]! += scoreTotals[row + LABEL_HISTOGRAM + bin]!;
        positive[bin]! += scoreTotals[row + LABEL_HISTOGRAM + SCORE_BINS + bin]!;
      }
    }
  }
  return { bins: SCORE_BINS, edges: EDGES, labelled: { positive, negative }, all };
}
