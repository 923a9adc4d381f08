import {
  chiSquareHomogeneityTest,
  compareProportions,
  logRatioInterval,
  newcombeDifferenceInterval,
  type Interval,
} from '../inference/index.js';
import { RATE_METRICS, type RateMetric } from '../metrics/metricNames.js';
import { primaryRate, RATE_DEFINITIONS } from '../metrics/rateDefinitions.js';
import { effectiveBinomial, type ConfusionCounts } from '../statistics/confusionCounts.js';
import type { AttributeValue } from './cohorts.js';

/**
 * How a disparity compares groups:
 * - `reference`: each group against the reference group (Aequitas / AIF360 style);
 * - `between_groups`: the largest rate against the smallest (Fairlearn's default);
 * - `to_overall`: the group farthest from the overall rate (Fairlearn's `to_overall`).
 */
export type Comparison = 'reference' | 'between_groups' | 'to_overall';
export type DisparityKind = `${Comparison}_${'difference' | 'ratio'}`;

/** Ratios inside [0.8, 1.25] pass the four-fifths rule. */
export const FOUR_FIFTHS_BAND: Interval = [0.8, 1.25];

export interface DisparityGroup {
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly counts: ConfusionCounts;
  readonly insufficient: boolean;
}

export interface Disparity {
  readonly attribute: string;
  readonly metric: RateMetric;
  readonly kind: DisparityKind;
  /** The group being compared (for between_groups: the one with the largest rate). */
  readonly group: Readonly<Record<string, AttributeValue>>;
  /** What it is compared with: the reference group, the smallest-rate group, or "overall". */
  readonly reference: Readonly<Record<string, AttributeValue>> | 'overall';
  readonly value: number;
  readonly ci: Interval | null;
  /** The test behind p_value: 'z', 'fisher' or 'chi_square'. */
  readonly test: string;
  readonly p_value: number;
  /** Benjamini-Hochberg q-value across every test of the audit; set by `adjustForMultipleTests`. */
  readonly q_value: number | null;
  /** Ratios only: whether the estimate lies outside the four-fifths band. */
  readonly outside_four_fifths?: boolean;
  /**
   * Identifies the test behind p_value: shared by the difference and ratio rows of one
   * comparison, and by a rate and its complement (tpr and fnr), which are the same test.
   */
  readonly test_id: string;
}

/** A group or a rate left out of the comparisons, and why. */
export interface Exclusion {
  readonly attribute: string;
  readonly group: Readonly<Record<string, AttributeValue>>;
  readonly metric: RateMetric | null;
  readonly reason: string;
}

interface Rate {
  readonly group: DisparityGroup;
  readonly value: number;
  /** Successes and trials at the effective sample size, for intervals and tests. */
  readonly successes: number;
  readonly trials: number;
  /** The rate's denominator before any effective-size scaling (a sum of weights). */
  readonly weight: number;
}

export interface CohortDisparities {
  readonly disparities: Disparity[];
  readonly exclusions: Exclusion[];
}

/**
 * Every disparity of one cohort for every rate metric. Groups marked insufficient are left
 * out entirely; a group whose rate is undefined is left out of that metric. Both are reported
 * as exclusions. q-values are filled in later across the whole audit.
 */
export function cohortDisparities(
  attribute: string,
  groups: readonly DisparityGroup[],
  overall: ConfusionCounts,
  reference: DisparityGroup | null,
  confidence: number,
): CohortDisparities {
  const disparities: Disparity[] = [];
  const exclusions: Exclusion[] = [];
  for (const group of groups) {
    if (group.insufficient) {
      exclusions.push({
        attribute,
        group: group.attributes,
        metric: null,
        reason: 'fewer rows than the minimum sample size',
      });
    }
  }
  // A rate and its complement are one test: the primary rate (listed first) sets its result.
  const testsById = new Map<string, Pick<Disparity, 'test' | 'p_value'>>();
  const shareTest = (row: Disparity): Disparity => {
    const known = testsById.get(row.test_id);
    if (!known) {
      testsById.set(row.test_id, { test: row.test, p_value: row.p_value });
      return row;
    }
    return { ...row, test: known.test, p_value: known.p_value };
  };
  for (const metric of RATE_METRICS) {
    const rates: Rate[] = [];
    for (const group of groups) {
      if (group.insufficient) continue;
      const rate = rateOf(group, metric);
      if (rate) rates.push(rate);
      else {
        exclusions.push({
          attribute,
          group: group.attributes,
          metric,
          reason: RATE_DEFINITIONS[metric].undefinedReason,
        });
      }
    }
    const context = { attribute, metric, confidence };
    const rows: Disparity[] = [];
    const referenceRate = reference ? rates.find((r) => r.group === reference) : undefined;
    if (referenceRate) {
      for (const rate of rates) {
        if (rate !== referenceRate) rows.push(...againstReference(context, rate, referenceRate));
      }
    }
    if (rates.length >= 2) {
      rows.push(...betweenGroups(context, rates));
      rows.push(...toOverall(context, rates, overall));
    }
    disparities.push(...rows.map(shareTest));
  }
  return { disparities, exclusions };
}

interface Context {
  readonly attribute: string;
  readonly metric: RateMetric;
  readonly confidence: number;
}

function rateOf(group: DisparityGroup, metric: RateMetric): Rate | null {
  const definition = RATE_DEFINITIONS[metric];
  let successes = 0;
  let trials = 0;
  for (const q of definition.numerator) successes += group.counts[q];
  for (const q of definition.denominator) trials += group.counts[q];
  if (trials <= 0) return null;
  const effective = effectiveBinomial(group.counts, definition.numerator, definition.denominator);
  return { group, value: successes / trials, weight: trials, ...effective };
}

function againstReference(context: Context, rate: Rate, reference: Rate): Disparity[] {
  const { attribute, metric, confidence } = context;
  const comparison = compareProportions(
    rate.successes,
    rate.trials,
    reference.successes,
    reference.trials,
  );
  const testId = `${attribute}|${primaryRate(metric)}|reference|${JSON.stringify(rate.group.attributes)}`;
  const shared = {
    attribute,
    metric,
    group: rate.group.attributes,
    reference: reference.group.attributes,
    test: comparison?.test ?? 'none',
    p_value: comparison?.pValue ?? 1,
    q_value: null,
    test_id: testId,
  };
  const rows: Disparity[] = [
    {
      ...shared,
      kind: 'reference_difference',
      value: rate.value - reference.value,
      ci: newcombeDifferenceInterval(
        rate.successes,
        rate.trials,
        reference.successes,
        reference.trials,
        confidence,
      ),
    },
  ];
  if (reference.value > 0) {
    const ratio = rate.value / reference.value;
    rows.push({
      ...shared,
      kind: 'reference_ratio',
      value: ratio,
      ci: logRatioInterval(
        rate.successes,
        rate.trials,
        reference.successes,
        reference.trials,
        confidence,
      ),
      outside_four_fifths: ratio < FOUR_FIFTHS_BAND[0] || ratio > FOUR_FIFTHS_BAND[1],
    });
  }
  return rows;
}

/**
 * Largest minus smallest rate, and smallest over largest; like the values, their intervals are
 * of the gap's size, |d| and min(r, 1/r), folded from those of the pair's difference and ratio.
 * The pair is chosen after looking at
 * the data, so a pairwise test of it would overstate significance; the p-value is instead the
 * chi-square test that all groups share one rate. When an expected count is below 5 that test
 * is unreliable, and the Bonferroni-adjusted exact test of the pair is used: min(1, k(k-1)/2 p).
 */
function betweenGroups(context: Context, rates: readonly Rate[]): Disparity[] {
  const { attribute, metric, confidence } = context;
  let max = rates[0]!;
  let min = rates[0]!;
  for (const rate of rates) {
    if (rate.value > max.value) max = rate;
    if (rate.value < min.value) min = rate;
  }
  const homogeneity = chiSquareHomogeneityTest(
    rates.map((r) => r.successes),
    rates.map((r) => r.trials),
  );
  let test = 'chi_square';
  let pValue = homogeneity?.pValue ?? 1;
  if (!homogeneity || homogeneity.minExpected < 5) {
    const pair = compareProportions(max.successes, max.trials, min.successes, min.trials);
    const pairs = (rates.length * (rates.length - 1)) / 2;
    test = `${pair?.test ?? 'none'}_bonferroni`;
    pValue = Math.min(1, (pair?.pValue ?? 1) * pairs);
  }
  const shared = {
    attribute,
    metric,
    group: max.group.attributes,
    reference: min.group.attributes,
    test,
    p_value: pValue,
    q_value: null,
    test_id: `${attribute}|${primaryRate(metric)}|between_groups`,
  };
  const rows: Disparity[] = [
    {
      ...shared,
      kind: 'between_groups_difference',
      value: max.value - min.value,
      ci: mapInterval(
        newcombeDifferenceInterval(
          max.successes,
          max.trials,
          min.successes,
          min.trials,
          confidence,
        ),
        absoluteInterval,
      ),
    },
  ];
  if (max.value > 0) {
    const ratio = min.value / max.value;
    rows.push({
      ...shared,
      kind: 'between_groups_ratio',
      value: ratio,
      ci: mapInterval(
        logRatioInterval(min.successes, min.trials, max.successes, max.trials, confidence),
        foldedRatioInterval,
      ),
      outside_four_fifths: ratio < FOUR_FIFTHS_BAND[0],
    });
  }
  return rows;
}

/**
 * Fairlearn's to_overall: the largest |rate_g - rate_overall|, and the smallest
 * min(rate_g / rate_overall, rate_overall / rate_g). A group is part of the overall, so its
 * interval comes from comparing it with the rest (independent rows): with w the group's share
 * of the rate's denominator, rate_g - rate_overall = (1 - w)(rate_g - rate_rest), and
 * rate_g / rate_overall = r / (w r + 1 - w) with r = rate_g / rate_rest, both monotone, so the
 * Newcombe and log intervals of the group-versus-rest comparison carry over. The worst group is
 * chosen after looking, so its p-value is Bonferroni-adjusted over the k groups.
 */
function toOverall(
  context: Context,
  rates: readonly Rate[],
  overall: ConfusionCounts,
): Disparity[] {
  const { attribute, metric, confidence } = context;
  const overallRate = rateOf({ attributes: {}, counts: overall, insufficient: false }, metric);
  if (!overallRate) return [];
  const farthestDifference = argMax(rates, (r) => Math.abs(r.value - overallRate.value));
  const ratioTo = (r: Rate): number =>
    r.value > 0 && overallRate.value > 0
      ? Math.min(r.value / overallRate.value, overallRate.value / r.value)
      : 0;
  const farthestRatio = argMax(rates, (r) => -ratioTo(r));
  const rows: Disparity[] = [];
  const base = (rate: Rate): Omit<Disparity, 'kind' | 'value' | 'ci'> => {
    const rest = restOf(rate, overall, metric);
    const comparison = rest
      ? compareProportions(rate.successes, rate.trials, rest.successes, rest.trials)
      : null;
    return {
      attribute,
      metric,
      group: rate.group.attributes,
      reference: 'overall',
      test: `${comparison?.test ?? 'none'}_bonferroni`,
      p_value: Math.min(1, (comparison?.pValue ?? 1) * rates.length),
      q_value: null,
      test_id: `${attribute}|${primaryRate(metric)}|to_overall|${JSON.stringify(rate.group.attributes)}`,
    };
  };
  {
    const rate = farthestDifference;
    const rest = restOf(rate, overall, metric);
    const signed = rest
      ? newcombeDifferenceInterval(
          rate.successes,
          rate.trials,
          rest.successes,
          rest.trials,
          confidence,
        )
      : null;
    const w = rate.weight / overallRate.weight;
    rows.push({
      ...base(rate),
      kind: 'to_overall_difference',
      value: Math.abs(rate.value - overallRate.value),
      ci: signed ? absoluteInterval([(1 - w) * signed[0], (1 - w) * signed[1]]) : null,
    });
  }
  if (overallRate.value > 0) {
    const rate = farthestRatio;
    const rest = restOf(rate, overall, metric);
    const w = rate.weight / overallRate.weight;
    const vsRest = rest
      ? logRatioInterval(rate.successes, rate.trials, rest.successes, rest.trials, confidence)
      : null;
    const toOverallRatio = (r: number): number =>
      Number.isFinite(r) ? r / (w * r + 1 - w) : 1 / w;
    const value = ratioTo(rate);
    rows.push({
      ...base(rate),
      kind: 'to_overall_ratio',
      value,
      ci: vsRest
        ? foldedRatioInterval([toOverallRatio(vsRest[0]), toOverallRatio(vsRest[1])])
        : null,
      outside_four_fifths: value < FOUR_FIFTHS_BAND[0],
    });
  }
  return rows;
}

/** The rate of the rows not in the group (counts subtract; effective sizes do not). */
function restOf(rate: Rate, overall: ConfusionCounts, metric: RateMetric): Rate | null {
  const group = rate.group.counts;
  const minus = (a: number, b: number): number => Math.max(0, a - b);
  const squares =
    overall.squares && group.squares
      ? {
          tp: minus(overall.squares.tp, group.squares.tp),
          fp: minus(overall.squares.fp, group.squares.fp),
          tn: minus(overall.squares.tn, group.squares.tn),
          fn: minus(overall.squares.fn, group.squares.fn),
        }
      : null;
  const counts: ConfusionCounts = {
    tp: minus(overall.tp, group.tp),
    fp: minus(overall.fp, group.fp),
    tn: minus(overall.tn, group.tn),
    fn: minus(overall.fn, group.fn),
    squares,
  };
  return rateOf({ attributes: {}, counts, insufficient: false }, metric);
}

function mapInterval(interval: Interval | null, map: (i: Interval) => Interval): Interval | null {
  return interval ? map(interval) : null;
}

/** The interval of |d| given the interval of d. */
function absoluteInterval([low, high]: Interval): Interval {
  if (low >= 0) return [low, high];
  if (high <= 0) return [-high, -low];
  return [0, Math.max(-low, high)];
}

/** The interval of min(r, 1/r) given the interval of r. */
function foldedRatioInterval([low, high]: Interval): Interval {
  if (low >= 1) return [1 / high, 1 / low];
  if (high <= 1) return [low, high];
  return [Math.min(low, 1 / high), 1];
}

function argMax<T>(items: readonly T[], score: (item: T) => number): T {
  let best: T = items[0]!;
  let bestScore = score(best);
  for (const item of items) {
    const s = score(item);
    // Scores equal up to rounding (a rate and its complement) keep the first group.
    if (s > bestScore + 1e-12) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}
