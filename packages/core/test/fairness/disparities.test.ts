import { describe, expect, it } from 'vitest';
import {
  cohortDisparities,
  type ConfusionCounts,
  type Disparity,
  type DisparityGroup,
} from '@fairwatch/core';
import { expectClose, expectInterval } from '../metrics/expectClose.js';
import { auditOf, readDisparityCases, rowKey } from './disparityFixture.js';

const cases = readDisparityCases();

/**
 * Tolerances. Values are count ratios (rounding only). Newcombe and log intervals are a few
 * square roots and logs on both sides; statsmodels' critical value may differ by an ulp. The
 * p-values go through the normal and chi-square tails or Fisher's hypergeometric sums, to about
 * 1e-12 relative for these sizes; 1e-9 leaves room for the Fisher sums (see the inference tests).
 */
const VALUE = { relative: 1e-12, absolute: 1e-15 };
const INTERVAL = { relative: 1e-12, absolute: 1e-14 };
const P_VALUE = { relative: 1e-9, absolute: 1e-300 };

describe('cohortDisparities through auditFindings, against statsmodels and scipy', () => {
  it('exercises every test the audit can choose', () => {
    const tests = new Set(cases.flatMap((c) => c.expected.disparities.map((d) => d.test)));
    for (const test of ['z', 'fisher', 'chi_square', 'z_bonferroni', 'fisher_bonferroni']) {
      expect(tests).toContain(test);
    }
  });

  for (const fixture of cases) {
    describe(fixture.name, () => {
      const findings = auditOf(fixture);
      const { expected } = fixture;

      it('chooses the reference group of every cohort', () => {
        expect(findings.references).toEqual(expected.references);
      });

      it('lists every insufficient group and every undefined rate as excluded', () => {
        const describe = (e: { attribute: string; group: object; metric: string | null }): string =>
          `${e.attribute} ${JSON.stringify(e.group)} ${e.metric ?? '(all metrics)'}`;
        expect(findings.excluded.map(describe).sort()).toEqual(
          expected.exclusions.map(describe).sort(),
        );
      });

      it('reports exactly the expected disparity rows', () => {
        expect(findings.disparities.map(rowKey).sort()).toEqual(
          expected.disparities.map(rowKey).sort(),
        );
      });

      it('matches every value, interval, test and p-value', () => {
        const byKey = new Map(findings.disparities.map((d) => [rowKey(d), d]));
        for (const want of expected.disparities) {
          const label = rowKey(want);
          const got = byKey.get(label);
          expect(got, label).toBeDefined();
          if (!got) continue;
          expect(got.reference, `${label} reference`).toEqual(want.reference);
          expectClose(got.value, want.value, VALUE, `${label} value`);
          expectInterval(got.ci, want.ci, INTERVAL, `${label} ci`);
          expect(got.test, `${label} test`).toBe(want.test);
          expectClose(got.p_value, want.p_value, P_VALUE, `${label} p`);
          expect(got.outside_four_fifths, `${label} four-fifths`).toBe(want.outside_four_fifths);
        }
      });

      it('matches Benjamini-Hochberg q-values over the distinct tests', () => {
        const byKey = new Map(findings.disparities.map((d) => [rowKey(d), d]));
        // The python side numbers tests its own way; the partition of rows into tests must agree.
        const ours = new Map<number, string>();
        for (const want of expected.disparities) {
          const got = byKey.get(rowKey(want))!;
          expectClose(got.q_value, want.q_value, P_VALUE, `${rowKey(want)} q`);
          const seen = ours.get(want.test_index);
          if (seen === undefined) ours.set(want.test_index, got.test_id);
          else expect(got.test_id, `${rowKey(want)} shares a test`).toBe(seen);
        }
        expect(new Set(ours.values()).size, 'distinct tests').toBe(ours.size);
      });
    });
  }
});

const counts = (tp: number, fp: number, tn: number, fn: number): ConfusionCounts => ({
  tp,
  fp,
  tn,
  fn,
  squares: null,
});
const group = (name: string, c: ConfusionCounts, insufficient = false): DisparityGroup => ({
  attributes: { g: name },
  counts: c,
  insufficient,
});
const sum = (groups: readonly DisparityGroup[]): ConfusionCounts =>
  groups.reduce(
    (total, { counts: c }) =>
      counts(total.tp + c.tp, total.fp + c.fp, total.tn + c.tn, total.fn + c.fn),
    counts(0, 0, 0, 0),
  );
const rowsOf = (disparities: readonly Disparity[], metric: string, kind: string): Disparity[] =>
  disparities.filter((d) => d.metric === metric && d.kind === kind);

describe('cohortDisparities', () => {
  const a = group('a', counts(40, 10, 40, 10));
  const b = group('b', counts(20, 30, 30, 20));
  const c = group('c', counts(5, 2, 8, 5));
  // a, d and e: every rate differs between groups and no two distances to overall tie.
  const d = group('d', counts(34, 24, 25, 30));
  const e = group('e', counts(8, 5, 3, 9));

  it('gives a rate and its complement the same test and p-value', () => {
    const { disparities } = cohortDisparities('g', [a, d, e], sum([a, d, e]), a, 0.95);
    for (const [rate, complement] of [
      ['tpr', 'fnr'],
      ['fpr', 'tnr'],
      ['ppv', 'fdr'],
      ['npv', 'for'],
    ] as const) {
      for (const kind of [
        'reference_difference',
        'between_groups_difference',
        'to_overall_difference',
      ]) {
        const primary = rowsOf(disparities, rate, kind);
        const other = rowsOf(disparities, complement, kind);
        expect(primary.length, `${rate} ${kind}`).toBeGreaterThan(0);
        expect(other.map((d) => d.test_id)).toEqual(primary.map((d) => d.test_id));
        other.forEach((d, i) => {
          expectClose(d.p_value, primary[i]!.p_value, { relative: 1e-12 }, `${complement} ${kind}`);
        });
      }
    }
  });

  // Regression: toOverall picked the farthest group by |rate - overall| computed in floating
  // point separately for each metric. Here TPR is a 0.8, b 0.5, c 0.5 with overall 0.65, so a
  // and b tie at 0.15; 0.8 - 0.65 and 0.65 - 0.5 round alike, but for FNR (0.2, 0.5 vs 0.35)
  // they did not, and FNR's to_overall row named b where TPR's named a: the complement got a
  // different group and a different test_id, and BH counted one test too many.
  it('picks the same to_overall group for a rate and its complement when distances tie', () => {
    const { disparities } = cohortDisparities('g', [a, b, c], sum([a, b, c]), null, 0.95);
    const tpr = rowsOf(disparities, 'tpr', 'to_overall_difference')[0]!;
    const fnr = rowsOf(disparities, 'fnr', 'to_overall_difference')[0]!;
    expect(fnr.group).toEqual(tpr.group);
    expect(fnr.test_id).toBe(tpr.test_id);
  });

  it('shares one test between the difference and ratio rows of a comparison', () => {
    const { disparities } = cohortDisparities('g', [a, b], sum([a, b]), a, 0.95);
    const difference = rowsOf(disparities, 'selection_rate', 'reference_difference')[0]!;
    const ratio = rowsOf(disparities, 'selection_rate', 'reference_ratio')[0]!;
    expect(ratio.test_id).toBe(difference.test_id);
    expect(ratio.p_value).toBe(difference.p_value);
  });

  it('leaves an insufficient group out of every comparison but counts its rows in the overall rate', () => {
    const small = group('small', counts(9, 0, 0, 0), true);
    const { disparities, exclusions } = cohortDisparities(
      'g',
      [a, b, small],
      sum([a, b, small]),
      a,
      0.95,
    );
    expect(exclusions.map((e) => [e.attribute, e.group, e.metric])).toEqual([
      ['g', { g: 'small' }, null],
    ]);
    expect(exclusions[0]?.reason).toMatch(/minimum/);
    expect(
      disparities.some(
        (d) => d.group.g === 'small' || (d.reference !== 'overall' && d.reference.g === 'small'),
      ),
    ).toBe(false);
    // Selection rates: a 0.5, b 0.5, small 1 (left out); the overall rate (50 + 50 + 9) / 209
    // still counts the small group's rows.
    const toOverall = rowsOf(disparities, 'selection_rate', 'to_overall_difference')[0]!;
    expectClose(toOverall.value, 109 / 209 - 0.5, { relative: 1e-12 }, 'to_overall uses every row');
  });

  it('excludes a group from a metric its rate is undefined for, with the reason', () => {
    const noPositives = group('none', counts(0, 3, 7, 0));
    const { disparities, exclusions } = cohortDisparities(
      'g',
      [a, noPositives],
      sum([a, noPositives]),
      a,
      0.95,
    );
    expect(exclusions.map((e) => e.metric).sort()).toEqual(['fnr', 'tpr']);
    expect(exclusions[0]!.reason).toMatch(/no actual positives/);
    expect(rowsOf(disparities, 'tpr', 'between_groups_difference')).toEqual([]);
    expect(rowsOf(disparities, 'tpr', 'reference_difference')).toEqual([]);
    expect(rowsOf(disparities, 'fpr', 'between_groups_difference')).toHaveLength(1);
  });

  it('gives no ratio against a reference whose rate is 0, but still the difference', () => {
    const zero = group('zero', counts(0, 0, 30, 20));
    const { disparities } = cohortDisparities('g', [zero, a], sum([zero, a]), zero, 0.95);
    expect(rowsOf(disparities, 'selection_rate', 'reference_ratio')).toEqual([]);
    expect(rowsOf(disparities, 'selection_rate', 'reference_difference')[0]!.value).toBe(0.5);
    const between = rowsOf(disparities, 'selection_rate', 'between_groups_ratio')[0]!;
    expect(between.value).toBe(0);
    expect(between.outside_four_fifths).toBe(true);
  });

  it('compares the largest rate with the smallest between groups', () => {
    const { disparities } = cohortDisparities('g', [a, b, c], sum([a, b, c]), null, 0.95);
    const row = rowsOf(disparities, 'tpr', 'between_groups_difference')[0]!;
    // TPR: a 0.8, b 0.5, c 0.5.
    expect(row.group).toEqual({ g: 'a' });
    expect(row.reference).toEqual({ g: 'b' });
    expectClose(row.value, 0.3, { relative: 1e-12 }, 'max - min');
    expect(rowsOf(disparities, 'tpr', 'reference_difference'), 'no reference given').toEqual([]);
  });

  it('marks reference ratios outside [0.8, 1.25] and keeps those inside', () => {
    const ref = group('ref', counts(25, 5, 20, 0)); // selection 0.6
    const high = group('high', counts(35, 5, 10, 0)); // 0.8: ratio 1.33
    const inside = group('inside', counts(30, 6, 14, 0)); // 0.72: ratio 1.2
    const same = group('same', counts(25, 5, 15, 5)); // 0.6: ratio 1
    const low = group('low', counts(15, 5, 25, 5)); // 0.4: ratio 0.67
    const all = [ref, high, inside, same, low];
    const { disparities } = cohortDisparities('g', all, sum(all), ref, 0.95);
    const flags = rowsOf(disparities, 'selection_rate', 'reference_ratio').map(
      (d) => `${d.group.g ?? ''} ${String(d.outside_four_fifths)}`,
    );
    expect(flags).toEqual(['high true', 'inside false', 'same false', 'low true']);
  });
});
