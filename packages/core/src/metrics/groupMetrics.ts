import { aucInterval, binnedAuc, twoSidedZ, wilsonInterval } from '../inference/index.js';
import type { CellStatistics } from '../statistics/cellStatistics.js';
import {
  effectiveBinomial,
  totalCount,
  type ConfusionCounts,
} from '../statistics/confusionCounts.js';
import {
  CALIBRATION_BINS,
  DENSE_BINS,
  isProbabilityDistribution,
  orderedBins,
  scoredWeight,
  type ScoreDistribution,
} from '../statistics/scoreDistribution.js';
import { RATE_METRICS, type MetricName } from './metricNames.js';
import { clampToUnit, undefinedMetric, type MetricValue } from './metricValue.js';
import { RATE_DEFINITIONS } from './rateDefinitions.js';

export type GroupMetrics = Readonly<Record<MetricName, MetricValue>>;

/** One bin of a reliability diagram. */
export interface CalibrationBin {
  readonly low: number;
  readonly high: number;
  readonly n: number;
  /** Mean score of the rows in the bin. */
  readonly mean_score: number | null;
  /** Share of positive labels in the bin, with its Wilson interval. */
  readonly observed_rate: MetricValue;
}

export interface GroupEvaluation {
  readonly metrics: GroupMetrics;
  /** Reliability diagram, when scores are given and are probabilities. */
  readonly calibration: readonly CalibrationBin[] | null;
  /**
   * Upper bound on how far the binned AUC can be from the exact one: half the share of
   * positive-negative pairs whose scores fall in the same 0.001-wide bin; 0 when every score
   * lies on that grid.
   */
  readonly auc_binning_error: number | null;
}

const NO_SCORES = 'no score column';
const NOT_PROBABILITIES = 'scores outside [0, 1] are not probabilities';

/** Every metric of cell 0 of `statistics` (use `CellStatistics.sumOf` to collapse a group). */
export function evaluateGroup(statistics: CellStatistics, confidence: number): GroupEvaluation {
  const counts = statistics.confusion(0);
  const scores = statistics.scores(0);
  const metrics: Record<string, MetricValue> = { n: { value: totalCount(counts), ci: null } };
  for (const name of RATE_METRICS) metrics[name] = rateMetric(counts, name, confidence);
  metrics.balanced_accuracy = balancedAccuracy(metrics.tpr!, metrics.tnr!);
  metrics.f1 = f1Score(counts, confidence);
  // Score statistics keep no squared weights per bin; with weights, bin counts are taken at
  // the group's Kish effective size, which makes their intervals invariant to weight scale.
  const scale = effectiveScale(counts);
  const auc = scores ? aucMetric(scores, confidence, statistics.scoresOnGrid, scale) : null;
  metrics.auc = auc ? auc.metric : undefinedMetric(NO_SCORES);
  const probabilities = scores !== null && isProbabilityDistribution(scores);
  metrics.brier = !scores
    ? undefinedMetric(NO_SCORES)
    : probabilities
      ? brierScore(scores, counts, confidence)
      : undefinedMetric(NOT_PROBABILITIES);
  const calibration = scores && probabilities ? calibrationBins(scores, confidence, scale) : null;
  metrics.ece = !scores
    ? undefinedMetric(NO_SCORES)
    : calibration
      ? expectedCalibrationError(calibration)
      : undefinedMetric(NOT_PROBABILITIES);
  return {
    metrics: metrics as GroupMetrics,
    calibration,
    auc_binning_error: auc ? auc.binningError : null,
  };
}

/** A binomial rate with its Wilson score interval (at the Kish effective size if weighted). */
export function rateMetric(
  counts: ConfusionCounts,
  name: (typeof RATE_METRICS)[number],
  confidence: number,
): MetricValue {
  const definition = RATE_DEFINITIONS[name];
  let successes = 0;
  let trials = 0;
  for (const q of definition.numerator) successes += counts[q];
  for (const q of definition.denominator) trials += counts[q];
  if (trials <= 0) return undefinedMetric(definition.undefinedReason);
  const effective = effectiveBinomial(counts, definition.numerator, definition.denominator);
  return {
    value: successes / trials,
    ci: wilsonInterval(effective.successes, effective.trials, confidence),
  };
}

/**
 * (TPR + TNR) / 2. Its interval combines the two Wilson intervals by the MOVER method
 * (Zou & Donner 2008), as the rates come from disjoint rows and are independent:
 *   low  = b - sqrt((tpr - l_tpr)^2 + (tnr - l_tnr)^2) / 2,
 *   high = b + sqrt((u_tpr - tpr)^2 + (u_tnr - tnr)^2) / 2.
 */
function balancedAccuracy(tpr: MetricValue, tnr: MetricValue): MetricValue {
  if (tpr.value === null) return undefinedMetric(tpr.reason ?? 'tpr undefined');
  if (tnr.value === null) return undefinedMetric(tnr.reason ?? 'tnr undefined');
  const value = (tpr.value + tnr.value) / 2;
  if (!tpr.ci || !tnr.ci) return { value, ci: null };
  const low = value - Math.hypot(tpr.value - tpr.ci[0], tnr.value - tnr.ci[0]) / 2;
  const high = value + Math.hypot(tpr.ci[1] - tpr.value, tnr.ci[1] - tnr.value) / 2;
  return { value, ci: clampToUnit([low, high]) };
}

/**
 * F1 = 2 tp / (2 tp + fp + fn), with a delta-method interval: treating the confusion counts as
 * multinomial, Var(F1) = 4 tp (fp + fn) (tp + fp + fn) / (2 tp + fp + fn)^4 (counts scaled to
 * the effective sample size when weighted). The interval is clipped to [0, 1]; it has zero
 * width when F1 is 0 or 1.
 */
function f1Score(counts: ConfusionCounts, confidence: number): MetricValue {
  const denominator = 2 * counts.tp + counts.fp + counts.fn;
  if (denominator <= 0)
    return undefinedMetric('no positives, actual or predicted (tp + fp + fn = 0)');
  const value = (2 * counts.tp) / denominator;
  const scale = effectiveScale(counts);
  const tp = counts.tp * scale;
  const errors = (counts.fp + counts.fn) * scale;
  const d = 2 * tp + errors;
  const variance = (4 * tp * errors * (tp + errors)) / d ** 4;
  const half = twoSidedZ(confidence) * Math.sqrt(variance);
  return { value, ci: clampToUnit([value - half, value + half]) };
}

/** n_eff / n: 1 unweighted, (sum w)^2 / sum w^2 / sum w when weighted. */
function effectiveScale(counts: ConfusionCounts): number {
  if (!counts.squares) return 1;
  const total = totalCount(counts);
  const squares = counts.squares.tp + counts.squares.fp + counts.squares.tn + counts.squares.fn;
  return total > 0 && squares > 0 ? total / squares : 1;
}

function aucMetric(
  scores: ScoreDistribution,
  confidence: number,
  onGrid: boolean,
  scale: number,
): { metric: MetricValue; binningError: number | null } {
  const bins = orderedBins(scores);
  const estimate = binnedAuc(
    bins.negatives.map((count) => count * scale),
    bins.positives.map((count) => count * scale),
  );
  if (!estimate) {
    return {
      metric: undefinedMetric('needs both positive and negative labels'),
      binningError: null,
    };
  }
  return {
    metric: { value: estimate.auc, ci: aucInterval(estimate, confidence) },
    // On the grid a bin holds one score value, so its pairs are true ties and AUC is exact.
    binningError: onGrid ? 0 : estimate.tieFraction / 2,
  };
}

/**
 * Brier score: mean of (s - y)^2 over the rows with a score, from the exact sums of (s - y)^2
 * and (s - y)^4; n is the weight in the score bins (the service keeps scores for some
 * labelled rows only, so it can be less than the confusion counts' total).
 * Interval: normal, from the sample variance of e^2, clipped to [0, 1].
 */
function brierScore(
  scores: ScoreDistribution,
  counts: ConfusionCounts,
  confidence: number,
): MetricValue {
  const n = scoredWeight(scores);
  if (n <= 0) return undefinedMetric('no rows');
  const squares = scores.brierSums[0]!;
  const fourths = scores.brierSums[1]!;
  const value = Math.max(0, squares / n);
  const effectiveN = n * effectiveScale(counts);
  if (effectiveN <= 1) return { value, ci: null };
  const variance = Math.max(0, ((fourths / n - value * value) * effectiveN) / (effectiveN - 1));
  const half = twoSidedZ(confidence) * Math.sqrt(variance / effectiveN);
  return { value, ci: clampToUnit([value - half, value + half]) };
}

function calibrationBins(
  scores: ScoreDistribution,
  confidence: number,
  scale: number,
): CalibrationBin[] {
  const [dense0, dense1] = scores.dense;
  const perBin = (DENSE_BINS - 1) / CALIBRATION_BINS;
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    const first = b * perBin;
    const last = b === CALIBRATION_BINS - 1 ? DENSE_BINS : first + perBin;
    let negatives = 0;
    let positives = 0;
    for (let k = first; k < last; k++) {
      negatives += dense0[k]!;
      positives += dense1[k]!;
    }
    const n = negatives + positives;
    const observed: MetricValue =
      n > 0
        ? { value: positives / n, ci: wilsonInterval(positives * scale, n * scale, confidence) }
        : undefinedMetric('no rows in this bin');
    bins.push({
      low: b / CALIBRATION_BINS,
      high: (b + 1) / CALIBRATION_BINS,
      n,
      mean_score: n > 0 ? scores.calibrationScoreSum[b]! / n : null,
      observed_rate: observed,
    });
  }
  return bins;
}

/** ECE = sum over bins of (n_b / n) |mean score_b - observed rate_b|. No interval. */
function expectedCalibrationError(bins: readonly CalibrationBin[]): MetricValue {
  let n = 0;
  let sum = 0;
  for (const bin of bins) {
    if (bin.mean_score === null || bin.observed_rate.value === null) continue;
    n += bin.n;
    sum += bin.n * Math.abs(bin.mean_score - bin.observed_rate.value);
  }
  if (n <= 0) return undefinedMetric('no rows');
  return { value: sum / n, ci: null };
}
