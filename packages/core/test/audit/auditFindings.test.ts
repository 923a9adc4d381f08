import { describe, expect, it } from 'vitest';
import {
  auditFindings,
  UnknownReferenceError,
  type AttributeValue,
  type AuditSettings,
  type Disparity,
} from '@fairwatch/core';
import { foldRows, rowsOfCounts, type Row } from '../statistics/foldRows.js';
import { seededRandom } from '../statistics/seededRandom.js';

const settings: AuditSettings = {
  attributes: ['race', 'sex'],
  intersections: false,
  references: {},
  minSamples: 30,
  confidence: 0.95,
};

/**
 * A synthetic scored dataset: race A, B, C (50%, 30%, 20% of rows) and sex F, M (even). Every
 * group has the same prevalence and the same score model, except that race B's scores are
 * shifted down by `shift`: fewer of B are selected and B's TPR is lower. Sex carries no
 * difference at all.
 */
function syntheticAudit(seed: number, shift: number) {
  const random = seededRandom(seed);
  const cellValues: AttributeValue[][] = [];
  const cellOf = new Map<string, number>();
  const rows: Row[] = [];
  for (let i = 0; i < 4000; i++) {
    const u = random.next();
    const race = u < 0.5 ? 'A' : u < 0.8 ? 'B' : 'C';
    const sex = random.chance(0.5) ? 'F' : 'M';
    const key = `${race}|${sex}`;
    if (!cellOf.has(key)) {
      cellOf.set(key, cellValues.length);
      cellValues.push([race, sex]);
    }
    const label = random.chance(0.4) ? 1 : 0;
    const signal = label === 1 ? 0.65 : 0.35;
    const raw = signal + (random.next() - 0.5) * 0.6 - (race === 'B' ? shift : 0);
    const score = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
    rows.push({ cell: cellOf.get(key)!, label, prediction: score >= 0.5 ? 1 : 0, score });
  }
  const statistics = foldRows(rows, { scores: true, weighted: false }, cellValues.length);
  return auditFindings(statistics, cellValues, settings);
}

const find = (
  disparities: readonly Disparity[],
  attribute: string,
  metric: string,
  kind: string,
  group?: Record<string, string>,
): Disparity => {
  const row = disparities.find(
    (d) =>
      d.attribute === attribute &&
      d.metric === metric &&
      d.kind === kind &&
      (group === undefined || JSON.stringify(d.group) === JSON.stringify(group)),
  );
  if (!row) throw new Error(`no ${attribute} ${metric} ${kind} ${JSON.stringify(group)}`);
  return row;
};

describe('auditFindings end to end', () => {
  for (const seed of [1, 2, 3]) {
    describe(`on synthetic data with a disparity injected into race B (seed ${seed})`, () => {
      const findings = syntheticAudit(seed, 0.15);
      const { disparities } = findings;

      it('finds the injected disparity significant after multiple-testing control', () => {
        for (const metric of ['selection_rate', 'tpr', 'fpr']) {
          const vsReference = find(disparities, 'race', metric, 'reference_difference', {
            race: 'B',
          });
          expect(vsReference.reference).toEqual({ race: 'A' });
          expect(vsReference.value, metric).toBeLessThan(0);
          expect(vsReference.q_value, metric).toBeLessThanOrEqual(0.05);
          expect(vsReference.ci![1], `${metric}: interval excludes 0`).toBeLessThan(0);
          const between = find(disparities, 'race', metric, 'between_groups_difference');
          expect(between.reference, metric).toEqual({ race: 'B' });
          expect(between.q_value, metric).toBeLessThanOrEqual(0.05);
        }
        expect(findings.summary.race!.demographic_parity_ratio.value).toBeLessThan(0.8);
      });

      it('does not find a disparity for a group with no real difference', () => {
        for (const metric of ['selection_rate', 'tpr', 'fpr', 'ppv', 'accuracy']) {
          const c = find(disparities, 'race', metric, 'reference_difference', { race: 'C' });
          expect(c.q_value, `race C ${metric}`).toBeGreaterThan(0.05);
          const sex = find(disparities, 'sex', metric, 'between_groups_difference');
          expect(sex.q_value, `sex ${metric}`).toBeGreaterThan(0.05);
        }
      });

      it('gives every disparity a q-value no smaller than its p-value', () => {
        for (const d of disparities) {
          expect(d.q_value).not.toBeNull();
          expect(d.q_value!).toBeGreaterThanOrEqual(d.p_value);
          expect(d.q_value!).toBeLessThanOrEqual(1);
        }
      });
    });
  }

  it('finds nothing significant when no disparity is injected', () => {
    const { disparities } = syntheticAudit(4, 0);
    const significant = disparities.filter((d) => d.q_value! <= 0.05);
    expect(significant.map((d) => `${d.attribute} ${d.metric} ${d.kind}`)).toEqual([]);
  });
});

/** Cells of attribute `g` with the given confusion counts, one cell per group. */
function auditOfCounts(
  groups: Record<string, { tp: number; fp: number; tn: number; fn: number }>,
  overrides: Partial<AuditSettings> = {},
) {
  const names = Object.keys(groups);
  const rows = names.flatMap((name, cell) => rowsOfCounts(groups[name]!, cell));
  const statistics = foldRows(rows, { scores: false, weighted: false }, names.length);
  return auditFindings(
    statistics,
    names.map((name) => [name]),
    {
      attributes: ['g'],
      intersections: false,
      references: {},
      minSamples: 0,
      confidence: 0.95,
      ...overrides,
    },
  );
}

const threeGroups = {
  small: { tp: 5, fp: 5, tn: 5, fn: 5 },
  large: { tp: 30, fp: 20, tn: 30, fn: 20 },
  medium: { tp: 20, fp: 10, tn: 20, fn: 10 },
};

describe('auditFindings reference groups', () => {
  it('uses the largest group as the reference by default', () => {
    expect(auditOfCounts(threeGroups).references).toEqual({ g: { g: 'large' } });
  });

  it('uses the chosen reference value', () => {
    const findings = auditOfCounts(threeGroups, { references: { g: 'small' } });
    expect(findings.references).toEqual({ g: { g: 'small' } });
    const rows = findings.disparities.filter((d) => d.kind === 'reference_difference');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((d) => JSON.stringify(d.reference) === '{"g":"small"}')).toBe(true);
  });

  it('skips a largest group that is below the minimum sample size', () => {
    const findings = auditOfCounts(threeGroups, { minSamples: 90 });
    // large has 100 rows; medium 60 and small 20 are insufficient: no reference but large.
    expect(findings.references).toEqual({ g: { g: 'large' } });
    const none = auditOfCounts(threeGroups, { minSamples: 200 });
    expect(none.references).toEqual({ g: null });
    expect(none.disparities).toEqual([]);
  });

  it('has no reference when the chosen group is below the minimum sample size', () => {
    const findings = auditOfCounts(threeGroups, { references: { g: 'small' }, minSamples: 30 });
    expect(findings.references).toEqual({ g: null });
    expect(findings.disparities.some((d) => d.kind.startsWith('reference_'))).toBe(false);
    expect(findings.disparities.some((d) => d.kind.startsWith('between_groups'))).toBe(true);
  });

  it('throws UnknownReferenceError for a value that no row has, listing the values there are', () => {
    let error: unknown;
    try {
      auditOfCounts(threeGroups, { references: { g: 'huge' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownReferenceError);
    if (!(error instanceof UnknownReferenceError)) return;
    expect(error.attribute).toBe('g');
    expect(error.value).toBe('huge');
    expect([...error.available].sort()).toEqual(['large', 'medium', 'small']);
    expect(error.message).toMatch(/g=huge/);
  });

  it('picks the largest matching group of an intersection when the reference fixes one attribute', () => {
    const rows = [
      ...rowsOfCounts({ tp: 10, fp: 10, tn: 10, fn: 10 }, 0),
      ...rowsOfCounts({ tp: 20, fp: 20, tn: 20, fn: 20 }, 1),
      ...rowsOfCounts({ tp: 15, fp: 15, tn: 15, fn: 15 }, 2),
      ...rowsOfCounts({ tp: 30, fp: 30, tn: 30, fn: 30 }, 3),
    ];
    const cellValues = [
      ['A', 'F'],
      ['A', 'M'],
      ['B', 'M'],
      ['B', 'F'],
    ];
    const findings = auditFindings(
      foldRows(rows, { scores: false, weighted: false }, 4),
      cellValues,
      { ...settings, intersections: true, references: { sex: 'M' }, minSamples: 0 },
    );
    expect(findings.references).toEqual({
      race: { race: 'B' },
      sex: { sex: 'M' },
      'race&sex': { race: 'A', sex: 'M' },
    });
  });
});

describe('auditFindings groups and exclusions', () => {
  it('reports insufficient groups with their metrics but leaves them out of comparisons', () => {
    const findings = auditOfCounts(threeGroups, { minSamples: 30 });
    const small = findings.groups.find((g) => g.attributes.g === 'small')!;
    expect(small.insufficient).toBe(true);
    expect(small.metrics.tpr.value).toBe(0.5);
    const exclusion = findings.excluded.find((e) => e.group.g === 'small' && e.metric === null);
    expect(exclusion?.attribute).toBe('g');
    expect(exclusion?.reason).toMatch(/minimum/);
    expect(findings.disparities.some((d) => d.group.g === 'small')).toBe(false);
  });

  it('excludes a group from a rate it has no denominator for, with the reason', () => {
    const findings = auditOfCounts({
      a: { tp: 30, fp: 20, tn: 30, fn: 20 },
      b: { tp: 0, fp: 20, tn: 30, fn: 0 },
    });
    const excluded = findings.excluded.filter((e) => e.group.g === 'b');
    expect(excluded.map((e) => e.metric).sort()).toEqual(['fnr', 'tpr']);
    expect(excluded.every((e) => /no actual positives/.test(e.reason))).toBe(true);
    expect(findings.summary.g!.equal_opportunity_difference.value).toBeNull();
  });

  it('lists groups largest first within each cohort, after an overall report of every row', () => {
    const findings = auditOfCounts(threeGroups);
    expect(findings.overall).toMatchObject({ attribute: '', attributes: {}, n: 180 });
    expect(findings.groups.map((g) => [g.attributes.g, g.n])).toEqual([
      ['large', 100],
      ['medium', 60],
      ['small', 20],
    ]);
    expect(findings.confidence).toBe(0.95);
    expect(findings.min_samples).toBe(0);
  });

  it('evaluates each attribute and every intersection, with a summary for each', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((cell) =>
      rowsOfCounts({ tp: 5 + cell, fp: 5, tn: 5, fn: 5 }, cell),
    );
    const cellValues = [0, 1, 2, 3, 4, 5, 6, 7].map((cell) => [
      `a${cell & 1}`,
      `b${(cell >> 1) & 1}`,
      `c${(cell >> 2) & 1}`,
    ]);
    const findings = auditFindings(
      foldRows(rows, { scores: false, weighted: false }, 8),
      cellValues,
      {
        attributes: ['a', 'b', 'c'],
        intersections: true,
        references: {},
        minSamples: 0,
        confidence: 0.95,
      },
    );
    const cohorts = ['a', 'b', 'c', 'a&b', 'a&c', 'b&c', 'a&b&c'];
    expect(Object.keys(findings.summary)).toEqual(cohorts);
    expect(Object.keys(findings.summary_to_overall)).toEqual(cohorts);
    const groupsPerCohort = cohorts.map(
      (c) => findings.groups.filter((g) => g.attribute === c).length,
    );
    expect(groupsPerCohort).toEqual([2, 2, 2, 4, 4, 4, 8]);
    const finest = findings.groups.find((g) => g.attribute === 'a&b&c');
    expect(Object.keys(finest?.attributes ?? {})).toEqual(['a', 'b', 'c']);
  });
});
