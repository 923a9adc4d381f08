import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  auditFindings,
  type AttributeValue,
  type AuditFindings,
  type GroupReport,
  SUMMARY_NAMES,
  type SummaryName,
} from '@fairwatch/core';
import { expectClose } from '../metrics/expectClose.js';
import {
  isArrayOf,
  isAttributes,
  isFiniteNumber,
  isNumberArray,
  isRecord,
  isStringArray,
} from '../metrics/readFixture.js';
import { foldRows, type Row } from '../statistics/foldRows.js';

/**
 * Vectors from Fairlearn's and AIF360's own tests and docs with the values Fairlearn 0.10
 * computes, kept in the shared reference directory beside the repository (../shared in a fresh
 * clone too) and read from there, never copied.
 */
const VECTORS_URL = new URL(
  '../../../../../shared/reference/fairness-vectors.json',
  import.meta.url,
);

const RATES = ['selection_rate', 'tpr', 'fpr', 'tnr', 'fnr'] as const;
type VectorRate = (typeof RATES)[number];
const METHODS = ['between_groups', 'to_overall'] as const;

interface VectorGroup {
  readonly attributes: Record<string, string>;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly fairlearn: Record<VectorRate, number>;
}

interface Vector {
  readonly name: string;
  readonly y_true: number[];
  readonly y_pred: number[];
  readonly sensitive_features: Record<string, string[]>;
  readonly groups: VectorGroup[];
  readonly fairlearn_summary: Record<
    (typeof METHODS)[number],
    Partial<Record<SummaryName, number>>
  >;
}

const KNOWN_VECTOR_KEYS = [
  'name',
  'source',
  'y_true',
  'y_pred',
  'sensitive_features',
  'groups',
  'fairlearn_summary',
];
const KNOWN_GROUP_KEYS = ['attributes', 'tp', 'fp', 'tn', 'fn', 'fairlearn'];

function isVectorGroup(value: unknown): value is VectorGroup {
  if (!isRecord(value) || !isAttributes(value.attributes)) return false;
  const { fairlearn } = value;
  return (
    ['tp', 'fp', 'tn', 'fn'].every((q) => Number.isInteger(value[q])) &&
    isRecord(fairlearn) &&
    RATES.every((rate) => isFiniteNumber(fairlearn[rate]))
  );
}

const isSummaryValues = (value: unknown): value is Partial<Record<SummaryName, number>> =>
  isRecord(value) && Object.values(value).every(isFiniteNumber);

function isVector(value: unknown): value is Vector {
  if (!isRecord(value)) return false;
  const summary = value.fairlearn_summary;
  return (
    typeof value.name === 'string' &&
    isNumberArray(value.y_true) &&
    isNumberArray(value.y_pred) &&
    isRecord(value.sensitive_features) &&
    Object.values(value.sensitive_features).every(isStringArray) &&
    isArrayOf(isVectorGroup)(value.groups) &&
    isRecord(summary) &&
    METHODS.every((m) => isSummaryValues(summary[m]))
  );
}

function readVectors(): { vectors: Vector[]; raw: unknown[] } {
  const parsed: unknown = JSON.parse(readFileSync(VECTORS_URL, 'utf8'));
  if (!isRecord(parsed) || !Array.isArray(parsed.vectors)) {
    throw new Error('fairness-vectors.json: expected an object with a "vectors" array');
  }
  const raw: unknown[] = parsed.vectors;
  const bad = raw.find((v) => !isVector(v));
  if (bad !== undefined)
    throw new Error(`unexpected vector shape: ${JSON.stringify(bad).slice(0, 200)}`);
  return { vectors: raw.filter(isVector), raw };
}

const { vectors, raw } = readVectors();

/** Folds the vector's rows with one cell per combination of its sensitive features. */
function audit(vector: Vector): { findings: AuditFindings; cohort: string } {
  const attributes = Object.keys(vector.sensitive_features);
  const cellOf = new Map<string, number>();
  const cellValues: AttributeValue[][] = [];
  const rows: Row[] = vector.y_true.map((label, i) => {
    const values = attributes.map((a) => vector.sensitive_features[a]![i]!);
    const key = JSON.stringify(values);
    if (!cellOf.has(key)) {
      cellOf.set(key, cellValues.length);
      cellValues.push(values);
    }
    return { cell: cellOf.get(key)!, label, prediction: vector.y_pred[i]! };
  });
  const statistics = foldRows(rows, { scores: false, weighted: false }, cellValues.length);
  const findings = auditFindings(statistics, cellValues, {
    attributes,
    intersections: attributes.length > 1,
    references: {},
    minSamples: 0,
    confidence: 0.95,
  });
  // Fairlearn's groups with several features are their intersection.
  return { findings, cohort: attributes.join('&') };
}

function reportOf(findings: AuditFindings, cohort: string, group: VectorGroup): GroupReport {
  const report = findings.groups.find(
    (g) =>
      g.attribute === cohort && JSON.stringify(g.attributes) === JSON.stringify(group.attributes),
  );
  if (!report) throw new Error(`no group ${JSON.stringify(group.attributes)} in ${cohort}`);
  return report;
}

/** Fairlearn's values are printed to 12 decimals. */
const PRINTED = { absolute: 1e-11 };

/**
 * Summaries where Fairlearn's value rests on a 0.0 it gives an undefined rate, and what fairwatch
 * gives instead.
 *
 * T5: Female has 5 rows, all actual positives, so its FPR (and TNR) is undefined; Fairlearn
 * calls it 0.0. Only Male has an FPR, so FPR has no between-groups or to-overall comparison and
 * equalized odds, the worse of TPR and FPR, is undefined (null): Fairlearn instead reports
 * |0.0 - 0.333| = 0.333 as the difference and 0.0 / 0.333 = 0 as the ratio, both resting on the
 * invented 0.0.
 *
 * T3 also has an undefined FPR (b, 6: no actual negatives; Fairlearn 0.0), but group (b, 8) has
 * a genuine FPR of 0, so the extremes, and with them every summary, come out the same.
 */
const DOCUMENTED_DIFFERENCES: Readonly<
  Record<string, Partial<Record<(typeof METHODS)[number], Partial<Record<SummaryName, null>>>>>
> = {
  T5: {
    between_groups: { equalized_odds_difference: null, equalized_odds_ratio: null },
    to_overall: { equalized_odds_difference: null, equalized_odds_ratio: null },
  },
};

const DENOMINATORS: Readonly<Record<VectorRate, readonly ('tp' | 'fp' | 'tn' | 'fn')[]>> = {
  selection_rate: ['tp', 'fp', 'tn', 'fn'],
  tpr: ['tp', 'fn'],
  fnr: ['tp', 'fn'],
  fpr: ['fp', 'tn'],
  tnr: ['fp', 'tn'],
};

describe('Fairlearn and AIF360 reference vectors', () => {
  it('are all read, with no kind of reference value this test would leave unchecked', () => {
    expect(vectors.map((v) => v.name)).toEqual(['T1', 'T2', 'T3', 'T5', 'T10']);
    for (const vector of raw) {
      if (!isRecord(vector)) continue;
      expect(Object.keys(vector).filter((k) => !KNOWN_VECTOR_KEYS.includes(k))).toEqual([]);
      for (const group of Array.isArray(vector.groups) ? (vector.groups as unknown[]) : []) {
        if (!isRecord(group)) continue;
        expect(Object.keys(group).filter((k) => !KNOWN_GROUP_KEYS.includes(k))).toEqual([]);
      }
    }
  });

  for (const vector of vectors) {
    describe(vector.name, () => {
      const { findings, cohort } = audit(vector);

      it('folds the rows into the confusion counts of every group', () => {
        const reports = findings.groups.filter((g) => g.attribute === cohort);
        expect(reports).toHaveLength(vector.groups.length);
        for (const group of vector.groups) {
          const report = reportOf(findings, cohort, group);
          const { tp, fp, tn, fn } = report;
          expect({ tp, fp, tn, fn }, JSON.stringify(group.attributes)).toEqual({
            tp: group.tp,
            fp: group.fp,
            tn: group.tn,
            fn: group.fn,
          });
        }
      });

      it("gives Fairlearn's per-group rates, and null where Fairlearn reports 0.0 for an undefined rate", () => {
        for (const group of vector.groups) {
          const report = reportOf(findings, cohort, group);
          for (const rate of RATES) {
            const label = `${JSON.stringify(group.attributes)} ${rate}`;
            const denominator = DENOMINATORS[rate].reduce((sum, q) => sum + group[q], 0);
            if (denominator > 0) {
              expectClose(report.metrics[rate].value, group.fairlearn[rate], PRINTED, label);
            } else {
              expect(group.fairlearn[rate], `${label}: Fairlearn's stand-in`).toBe(0);
              expect(report.metrics[rate].value, label).toBeNull();
              expect(report.metrics[rate].reason, label).toMatch(/no actual/);
            }
          }
        }
      });

      for (const method of METHODS) {
        it(`gives Fairlearn's ${method} summaries except where they rest on an undefined rate`, () => {
          const ours = (
            method === 'between_groups' ? findings.summary : findings.summary_to_overall
          )[cohort];
          expect(ours, cohort).toBeDefined();
          const exceptions = DOCUMENTED_DIFFERENCES[vector.name]?.[method] ?? {};
          const given = vector.fairlearn_summary[method];
          expect(SUMMARY_NAMES, 'every summary Fairlearn gives is one of ours').toEqual(
            expect.arrayContaining(Object.keys(given)),
          );
          for (const name of SUMMARY_NAMES) {
            const fairlearn = given[name];
            if (fairlearn === undefined) continue;
            const value = ours?.[name];
            expect(value, name).toBeDefined();
            if (name in exceptions) {
              expect(value?.value, `${name}: documented difference`).toBeNull();
              expect(value?.reason, name).toMatch(/fpr/);
            } else {
              expectClose(value?.value, fairlearn, PRINTED, `${method} ${name}`);
            }
          }
        });
      }

      it('gives reference-group differences and ratios (AIF360 style) from the same rates', () => {
        const reference = findings.references[cohort];
        expect(reference, 'largest group, the first on ties').toBeTruthy();
        const referenceGroup = vector.groups.find(
          (g) => JSON.stringify(g.attributes) === JSON.stringify(reference),
        )!;
        for (const group of vector.groups) {
          if (group === referenceGroup) continue;
          for (const rate of RATES) {
            const defined = (g: VectorGroup): boolean =>
              DENOMINATORS[rate].reduce((sum, q) => sum + g[q], 0) > 0;
            const rows = findings.disparities.filter(
              (d) =>
                d.attribute === cohort &&
                d.metric === rate &&
                JSON.stringify(d.group) === JSON.stringify(group.attributes) &&
                d.kind.startsWith('reference_'),
            );
            const label = `${JSON.stringify(group.attributes)} ${rate}`;
            if (!defined(group) || !defined(referenceGroup)) {
              expect(rows, `${label}: undefined rate, no comparison`).toEqual([]);
              continue;
            }
            const g = group.fairlearn[rate];
            const r = referenceGroup.fairlearn[rate];
            const difference = rows.find((d) => d.kind === 'reference_difference');
            expectClose(difference?.value, g - r, PRINTED, `${label} difference`);
            const ratio = rows.find((d) => d.kind === 'reference_ratio');
            if (r > 0) expectClose(ratio?.value, g / r, { absolute: 1e-10 }, `${label} ratio`);
            else expect(ratio, `${label}: no ratio to a zero reference rate`).toBeUndefined();
          }
        }
      });
    });
  }
});
