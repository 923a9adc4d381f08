import type { Interval } from '../inference/index.js';
import type { RateMetric } from '../metrics/metricNames.js';
import type { Disparity, DisparityKind } from './disparities.js';

export const SUMMARY_NAMES = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
export type SummaryName = (typeof SUMMARY_NAMES)[number];

export interface SummaryValue {
  readonly value: number | null;
  readonly ci: Interval | null;
  readonly reason?: string;
}

export type Summary = Readonly<Record<SummaryName, SummaryValue>>;

/**
 * Fairlearn's named summaries of one cohort, by `between_groups` (max - min, min / max) or
 * `to_overall`:
 * - demographic parity: selection rate;
 * - equal opportunity: TPR;
 * - equalized odds: the worse of TPR and FPR (larger difference, smaller ratio).
 * Each comes with its interval; for equalized odds the interval is the elementwise max (min
 * for ratios) of the two intervals, which covers the worse of the two whenever both cover
 * theirs (so at least 1 - 2 alpha by Bonferroni).
 */
export function summarize(
  disparities: readonly Disparity[],
  method: 'between_groups' | 'to_overall',
): Summary {
  const find = (metric: RateMetric, measure: 'difference' | 'ratio'): SummaryValue => {
    const kind: DisparityKind = `${method}_${measure}`;
    const row = disparities.find((d) => d.metric === metric && d.kind === kind);
    return row
      ? { value: row.value, ci: row.ci }
      : {
          value: null,
          ci: null,
          reason:
            measure === 'ratio'
              ? `undefined: needs two groups with a defined ${metric}, the largest above 0`
              : `undefined: needs two groups with a defined ${metric}`,
        };
  };
  const worse = (
    a: SummaryValue,
    b: SummaryValue,
    pick: (x: number, y: number) => number,
  ): SummaryValue => {
    if (a.value === null) return a;
    if (b.value === null) return b;
    const ci: Interval | null =
      a.ci && b.ci ? [pick(a.ci[0], b.ci[0]), pick(a.ci[1], b.ci[1])] : null;
    return { value: pick(a.value, b.value), ci };
  };
  return {
    demographic_parity_difference: find('selection_rate', 'difference'),
    demographic_parity_ratio: find('selection_rate', 'ratio'),
    equalized_odds_difference: worse(
      find('tpr', 'difference'),
      find('fpr', 'difference'),
      Math.max,
    ),
    equalized_odds_ratio: worse(find('tpr', 'ratio'), find('fpr', 'ratio'), Math.min),
    equal_opportunity_difference: find('tpr', 'difference'),
    equal_opportunity_ratio: find('tpr', 'ratio'),
  };
}
