import type { RateMetricName } from '@fairwatch/contracts';
import { FN, FP, PREDICTED_POSITIVE, PREDICTIONS, TN, TP } from '../windows/cellCounts.js';

/**
 * A rate metric as numerator and denominator fields of a cell's counts. The service's
 * selection_rate counts every prediction, labelled or not (a decision needs no outcome); the
 * other rates count predictions whose outcome has arrived.
 */
export interface MetricFields {
  readonly numerator: readonly number[];
  readonly denominator: readonly number[];
}

const LABELLED = [TN, FP, FN, TP];

export const METRIC_FIELDS: Readonly<Record<RateMetricName, MetricFields>> = {
  selection_rate: { numerator: [PREDICTED_POSITIVE], denominator: [PREDICTIONS] },
  prevalence: { numerator: [FN, TP], denominator: LABELLED },
  tpr: { numerator: [TP], denominator: [TP, FN] },
  fpr: { numerator: [FP], denominator: [FP, TN] },
  tnr: { numerator: [TN], denominator: [TN, FP] },
  fnr: { numerator: [FN], denominator: [FN, TP] },
  ppv: { numerator: [TP], denominator: [TP, FP] },
  npv: { numerator: [TN], denominator: [TN, FN] },
  fdr: { numerator: [FP], denominator: [TP, FP] },
  for: { numerator: [FN], denominator: [FN, TN] },
  accuracy: { numerator: [TP, TN], denominator: LABELLED },
};

export function sumFields(array: Float64Array, offset: number, fields: readonly number[]): number {
  let total = 0;
  for (const field of fields) total += array[offset + field] ?? 0;
  return total;
}
