import { describe, expect, it } from 'vitest';
import {
  CellStatistics,
  evaluateGroup,
  METRICS,
  type CellBatch,
  type GroupEvaluation,
  type MetricName,
  type MetricValue,
} from '@fairwatch/core';
import { foldRows, type Row } from '../statistics/foldRows.js';
import { seededRandom } from '../statistics/seededRandom.js';
import { expectClose, expectInterval, type Tolerance } from './expectClose.js';
import {
  isArrayOf,
  isFiniteNumber,
  isInterval,
  isNullOr,
  isNumberArray,
  isRecord,
  readFixtureCases,
} from './readFixture.js';

interface ExpectedMetric {
  readonly value: number | null;
  readonly ci: [number, number] | null;
}

interface ExpectedBin {
  readonly low: number;
  readonly high: number;
  readonly n: number;
  readonly mean_score: number | null;
  readonly observed_rate: ExpectedMetric;
}

interface GroupMetricsCase {
  readonly name: string;
  readonly confidence: number;
  readonly rows: {
    readonly label: string;
    readonly prediction: string;
    readonly score?: number[];
    readonly weight?: number[];
  };
  readonly expected: {
    readonly metrics: Record<MetricName, ExpectedMetric>;
    readonly calibration: ExpectedBin[] | null;
    /** Half the share of positive-negative pairs in one 0.001-wide bin; null without an AUC. */
    readonly auc_binning_error_bound: number | null;
  };
}

const isExpectedMetric = (value: unknown): value is ExpectedMetric =>
  isRecord(value) && isNullOr(isFiniteNumber)(value.value) && isNullOr(isInterval)(value.ci);

const isExpectedBin = (value: unknown): value is ExpectedBin =>
  isRecord(value) &&
  isFiniteNumber(value.low) &&
  isFiniteNumber(value.high) &&
  isFiniteNumber(value.n) &&
  isNullOr(isFiniteNumber)(value.mean_score) &&
  isExpectedMetric(value.observed_rate);

const isBinaryColumn = (value: unknown): value is string =>
  typeof value === 'string' && /^[01]*$/.test(value);

function isGroupMetricsCase(value: unknown): value is GroupMetricsCase {
  if (!isRecord(value) || typeof value.name !== 'string' || !isFiniteNumber(value.confidence)) {
    return false;
  }
  const { rows, expected } = value;
  if (!isRecord(rows) || !isBinaryColumn(rows.label) || !isBinaryColumn(rows.prediction)) {
    return false;
  }
  const length = rows.label.length;
  const optionalColumn = (column: unknown): boolean =>
    column === undefined || (isNumberArray(column) && column.length === length);
  if (rows.prediction.length !== length || !optionalColumn(rows.score)) return false;
  if (!optionalColumn(rows.weight)) return false;
  if (!isRecord(expected) || !isRecord(expected.metrics)) return false;
  const metrics = expected.metrics;
  return (
    METRICS.every((name) => isExpectedMetric(metrics[name])) &&
    isNullOr(isArrayOf(isExpectedBin))(expected.calibration) &&
    isNullOr(isFiniteNumber)(expected.auc_binning_error_bound)
  );
}

const cases = readFixtureCases('group_metrics.json', isGroupMetricsCase);

/** The case's rows folded in batches of 97 rows, as a stream would deliver them. */
function statisticsOf(fixture: GroupMetricsCase): CellStatistics {
  const { label, prediction, score, weight } = fixture.rows;
  const statistics = new CellStatistics({
    scores: score !== undefined,
    weighted: weight !== undefined,
  });
  statistics.reserveCells(1);
  for (let start = 0; start < label.length; start += 97) {
    const end = Math.min(label.length, start + 97);
    const batch: CellBatch = {
      length: end - start,
      cell: new Uint32Array(end - start),
      label: Uint8Array.from(label.slice(start, end), Number),
      prediction: Uint8Array.from(prediction.slice(start, end), Number),
      score: score ? Float64Array.from(score.slice(start, end)) : undefined,
      weight: weight ? Float64Array.from(weight.slice(start, end)) : undefined,
    };
    statistics.add(batch);
  }
  return statistics;
}

/**
 * Tolerances, per metric, for the value and for the interval bounds.
 * - Rates are sums divided by sums: both sides round the same few operations (1e-12).
 * - Wilson bounds of weighted rates go through rate * n_eff on both sides (1e-12, with an
 *   absolute floor for bounds at 0 that are a rounding residue).
 * - F1 bounds: the python side differentiates numerically (step 1e-6, error about 1e-10).
 * - AUC: both sides sum pairwise comparisons; the DeLong bounds add a square root and logistic.
 * - Brier: fairwatch expands (s - y)^2 and (s - y)^4 from power sums, which cancels to about
 *   n * eps; its interval from the fourth moment minus the squared mean cancels further.
 */
const TOLERANCES: Readonly<Record<MetricName, { value: Tolerance; ci: Tolerance }>> = {
  n: { value: { relative: 1e-13 }, ci: {} },
  selection_rate: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  prevalence: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  tpr: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  fpr: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  tnr: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  fnr: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  ppv: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  npv: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  fdr: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  for: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  accuracy: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  balanced_accuracy: { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
  f1: { value: { relative: 1e-12 }, ci: { absolute: 1e-8 } },
  auc: { value: { relative: 1e-12 }, ci: { relative: 1e-10 } },
  brier: { value: { relative: 1e-11, absolute: 1e-13 }, ci: { absolute: 1e-10 } },
  ece: { value: { relative: 1e-11, absolute: 1e-13 }, ci: {} },
};

function expectMetric(
  actual: MetricValue,
  expected: ExpectedMetric,
  tolerance: { value: Tolerance; ci: Tolerance },
  label: string,
): void {
  if (expected.value === null) {
    expect(actual.value, `${label}: undefined`).toBeNull();
    expect(actual.ci, `${label}: no interval`).toBeNull();
    expect(actual.reason, `${label}: reason`).toMatch(/\S/);
    return;
  }
  expectClose(actual.value, expected.value, tolerance.value, label);
  expectInterval(actual.ci, expected.ci, tolerance.ci, label);
}

describe('evaluateGroup against scikit-learn, statsmodels and numpy', () => {
  for (const fixture of cases) {
    it(`matches every metric on ${fixture.name}`, () => {
      const evaluation = evaluateGroup(statisticsOf(fixture), fixture.confidence);
      const { expected } = fixture;
      for (const name of METRICS) {
        expectMetric(
          evaluation.metrics[name],
          expected.metrics[name],
          TOLERANCES[name],
          `${fixture.name} ${name}`,
        );
      }
      expectBinningError(evaluation, fixture);
      expectCalibration(evaluation, fixture);
    });
  }

  it('covers the degenerate cases the policy names', () => {
    const names = cases.map((c) => c.name);
    for (const name of [
      'no_positive_labels',
      'no_predicted_positives',
      'all_positive_labels_all_predicted',
      'tiny',
      'single_row',
      'raw_deciles',
      'no_scores',
      'weighted',
    ]) {
      expect(names).toContain(name);
    }
  });
});

/**
 * The reported binning error bounds |binned AUC - exact AUC|: it may be as large as half the share
 * of pairs that share a bin, or 0 when it knows those pairs are true ties (every score of these
 * datasets sits on the 0.001 grid, so sklearn's exact AUC equals the binned one).
 */
function expectBinningError(evaluation: GroupEvaluation, fixture: GroupMetricsCase): void {
  const bound = fixture.expected.auc_binning_error_bound;
  const reported = evaluation.auc_binning_error;
  if (bound === null) {
    expect(reported, `${fixture.name}: auc_binning_error`).toBeNull();
    return;
  }
  expect(reported, `${fixture.name}: auc_binning_error`).toBeTypeOf('number');
  expect(reported).toBeGreaterThanOrEqual(0);
  expect(reported).toBeLessThanOrEqual(bound * (1 + 1e-12));
  const exact = fixture.expected.metrics.auc.value!;
  expect(Math.abs(evaluation.metrics.auc.value! - exact)).toBeLessThanOrEqual(reported! + 1e-12);
}

function expectCalibration(evaluation: GroupEvaluation, fixture: GroupMetricsCase): void {
  const expected = fixture.expected.calibration;
  if (expected === null) {
    expect(evaluation.calibration, `${fixture.name}: calibration`).toBeNull();
    return;
  }
  expect(evaluation.calibration).toHaveLength(expected.length);
  expected.forEach((bin, b) => {
    const actual = evaluation.calibration?.[b];
    const label = `${fixture.name} calibration bin ${b}`;
    expect(actual, label).toBeDefined();
    if (!actual) return;
    expectClose(actual.low, bin.low, { absolute: 1e-15 }, `${label} low`);
    expectClose(actual.high, bin.high, { absolute: 1e-15 }, `${label} high`);
    expectClose(actual.n, bin.n, { relative: 1e-12 }, `${label} n`);
    if (bin.mean_score === null) expect(actual.mean_score, `${label} mean`).toBeNull();
    else expectClose(actual.mean_score, bin.mean_score, { relative: 1e-12 }, `${label} mean`);
    expectMetric(
      actual.observed_rate,
      bin.observed_rate,
      { value: { relative: 1e-12 }, ci: { relative: 1e-12, absolute: 1e-14 } },
      `${label} observed`,
    );
  });
}

const unscored = { scores: false, weighted: false } as const;
const scored = { scores: true, weighted: false } as const;

function evaluateRows(
  rows: readonly Row[],
  options: { scores: boolean; weighted: boolean },
): GroupEvaluation {
  return evaluateGroup(foldRows(rows, options, 1), 0.95);
}

function expectUndefined(metric: MetricValue, reason: RegExp): void {
  expect(metric.value).toBeNull();
  expect(metric.ci).toBeNull();
  expect(metric.reason).toMatch(reason);
}

describe('evaluateGroup on degenerate groups', () => {
  it('returns null TPR and FNR, with the reason, when the group has no actual positives', () => {
    const { metrics } = evaluateRows(
      [
        { label: 0, prediction: 1 },
        { label: 0, prediction: 0 },
      ],
      unscored,
    );
    expectUndefined(metrics.tpr, /no actual positives/);
    expectUndefined(metrics.fnr, /no actual positives/);
    expectUndefined(metrics.balanced_accuracy, /no actual positives/);
    expect(metrics.fpr.value).toBe(0.5);
    expect(metrics.ppv.value, 'a defined 0, not undefined').toBe(0);
  });

  it('returns null FPR and TNR when the group has no actual negatives', () => {
    const { metrics } = evaluateRows([{ label: 1, prediction: 1 }], unscored);
    expectUndefined(metrics.fpr, /no actual negatives/);
    expectUndefined(metrics.tnr, /no actual negatives/);
    expectUndefined(metrics.balanced_accuracy, /no actual negatives/);
  });

  it('returns null PPV and FDR when nothing is predicted positive, NPV and FOR when nothing is predicted negative', () => {
    const none = evaluateRows(
      [
        { label: 1, prediction: 0 },
        { label: 0, prediction: 0 },
      ],
      unscored,
    ).metrics;
    expectUndefined(none.ppv, /no predicted positives/);
    expectUndefined(none.fdr, /no predicted positives/);
    expect(none.selection_rate).toMatchObject({ value: 0 });
    const all = evaluateRows(
      [
        { label: 1, prediction: 1 },
        { label: 0, prediction: 1 },
      ],
      unscored,
    ).metrics;
    expectUndefined(all.npv, /no predicted negatives/);
    expectUndefined(all.for, /no predicted negatives/);
  });

  it('returns null for every metric of a group with no rows', () => {
    const { metrics, calibration, auc_binning_error } = evaluateRows([], scored);
    expect(metrics.n).toEqual({ value: 0, ci: null });
    for (const name of METRICS) {
      if (name !== 'n') expect(metrics[name].value, name).toBeNull();
    }
    expect(auc_binning_error).toBeNull();
    expect(calibration?.every((bin) => bin.n === 0 && bin.mean_score === null)).toBe(true);
  });

  it('returns null F1 when there are no positives, actual or predicted', () => {
    const { metrics } = evaluateRows([{ label: 0, prediction: 0 }], unscored);
    expectUndefined(metrics.f1, /tp \+ fp \+ fn = 0/);
  });

  it('gives F1 a zero-width interval when F1 is 0 or 1', () => {
    const perfect = evaluateRows(
      [
        { label: 1, prediction: 1 },
        { label: 0, prediction: 0 },
      ],
      unscored,
    ).metrics.f1;
    expect(perfect).toEqual({ value: 1, ci: [1, 1] });
    const wrong = evaluateRows(
      [
        { label: 1, prediction: 0 },
        { label: 0, prediction: 1 },
      ],
      unscored,
    ).metrics.f1;
    expect(wrong).toEqual({ value: 0, ci: [0, 0] });
  });

  it('returns null AUC when only one label occurs', () => {
    const { metrics, auc_binning_error } = evaluateRows(
      [
        { label: 1, prediction: 1, score: 0.9 },
        { label: 1, prediction: 0, score: 0.2 },
      ],
      scored,
    );
    expectUndefined(metrics.auc, /positive and negative/);
    expect(auc_binning_error).toBeNull();
    expect(metrics.brier.value).toBeCloseTo((0.01 + 0.64) / 2, 15);
  });

  it('gives the AUC but null Brier, ECE and calibration when scores lie outside [0, 1]', () => {
    const { metrics, calibration } = evaluateRows(
      [
        { label: 1, prediction: 1, score: 9 },
        { label: 0, prediction: 0, score: 3 },
        { label: 0, prediction: 0, score: 0.5 },
      ],
      scored,
    );
    expect(metrics.auc.value).toBe(1);
    expectUndefined(metrics.brier, /outside \[0, 1\]/);
    expectUndefined(metrics.ece, /outside \[0, 1\]/);
    expect(calibration).toBeNull();
  });

  it('returns null AUC, Brier and ECE when there is no score column', () => {
    const { metrics, calibration, auc_binning_error } = evaluateRows(
      [
        { label: 1, prediction: 1 },
        { label: 0, prediction: 0 },
      ],
      unscored,
    );
    for (const name of ['auc', 'brier', 'ece'] as const) expectUndefined(metrics[name], /no score/);
    expect(calibration).toBeNull();
    expect(auc_binning_error).toBeNull();
  });

  it('gives the Brier score no interval when there is one row', () => {
    const { metrics } = evaluateRows([{ label: 0, prediction: 0, score: 0.3 }], scored);
    expect(metrics.brier.value).toBeCloseTo(0.09, 15);
    expect(metrics.brier.ci).toBeNull();
  });

  // Regression: CellStatistics sent a score in (1, 1.001) to the dense bins (see
  // cellStatistics.test.ts), so such a score passed as a probability here.
  it('treats a score just above 1 as outside [0, 1]', () => {
    const { metrics, calibration } = evaluateRows(
      [
        { label: 1, prediction: 1, score: 1.0004 },
        { label: 0, prediction: 0, score: 0.2 },
      ],
      scored,
    );
    expectUndefined(metrics.brier, /outside \[0, 1\]/);
    expect(calibration).toBeNull();
  });
});

describe('evaluateGroup with weights', () => {
  const random = seededRandom(5);
  const rows: Row[] = Array.from({ length: 400 }, () => {
    const score = Math.round(random.next() * 1000) / 1000;
    return {
      label: random.chance(score) ? 1 : 0,
      prediction: score >= 0.5 ? 1 : 0,
      score,
      weight: 0.2 + 2 * random.next(),
    };
  });
  const weighted = { scores: true, weighted: true } as const;
  const original = evaluateRows(rows, weighted);
  const scaled = evaluateRows(
    rows.map((row) => ({ ...row, weight: row.weight! * 50 })),
    weighted,
  );
  const same: Tolerance = { relative: 1e-11, absolute: 1e-14 };

  it('keeps every value and interval when every weight is scaled', () => {
    for (const name of METRICS) {
      if (name === 'n') continue;
      const a = original.metrics[name];
      const b = scaled.metrics[name];
      expectClose(b.value, a.value!, same, `${name} value`);
      expectInterval(b.ci, a.ci, same, `${name} interval`);
    }
  });

  it('gives the unweighted metrics when every weight is 1', () => {
    const ones = evaluateRows(
      rows.map((row) => ({ ...row, weight: 1 })),
      weighted,
    );
    const unweighted = evaluateRows(rows, { scores: true, weighted: false });
    for (const name of METRICS) {
      const a = unweighted.metrics[name];
      expectClose(ones.metrics[name].value, a.value!, same, `${name} value`);
      expectInterval(ones.metrics[name].ci, a.ci, same, `${name} interval`);
    }
    expect(ones.calibration).toEqual(unweighted.calibration);
  });

  // Regression: calibrationBins took the Wilson interval of each bin at the raw sum of weights,
  // wilsonInterval(positives, n), not at a Kish effective size as every other rate does, so
  // multiplying all weights by 50 made the intervals about sqrt(50) times narrower.
  it('keeps the calibration-bin intervals unchanged when every weight is scaled', () => {
    original.calibration?.forEach((bin, b) => {
      const other = scaled.calibration?.[b];
      expectInterval(other?.observed_rate.ci, bin.observed_rate.ci, same, `bin ${b}`);
    });
    expect(original.calibration).toHaveLength(10);
  });

  // Regression: aucMetric passed raw weighted bin counts to binnedAuc, which treats them as
  // frequencies, so the DeLong variance shrank as the weights grew.
  it('keeps the AUC interval unchanged when every weight is scaled', () => {
    expectInterval(scaled.metrics.auc.ci, original.metrics.auc.ci, same, 'auc interval');
  });
});
