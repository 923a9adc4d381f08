import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/inference/benjaminiHochberg.js';
import { expectClose, isNumberArray, isRecord, readCases } from './fixtureCases.js';

interface AdjustmentCase {
  readonly pValues: number[];
  readonly adjusted: number[];
}

function isAdjustmentCase(value: unknown): value is AdjustmentCase {
  return (
    isRecord(value) &&
    isNumberArray(value.pValues) &&
    isNumberArray(value.adjusted) &&
    value.pValues.length === value.adjusted.length
  );
}

const cases = readCases('benjaminiHochberg.json', isAdjustmentCase);

describe('benjaminiHochberg', () => {
  it('matches statsmodels multipletests(method="fdr_bh") in input order', () => {
    for (const { pValues, adjusted } of cases) {
      const result = benjaminiHochberg(pValues);
      expect(result).toHaveLength(adjusted.length);
      // statsmodels divides by j/m where this multiplies by m/j: an ulp apart.
      result.forEach((q, i) => {
        expectClose(q, adjusted[i]!, { relative: 1e-15 }, `m=${pValues.length} #${i}`);
      });
    }
  });

  it('returns an empty array for no p-values', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('leaves a single p-value unchanged', () => {
    expect(benjaminiHochberg([0.037])).toEqual([0.037]);
  });

  it('never exceeds 1 and never falls below the raw p-value', () => {
    const pValues = [0.9, 0.95, 0.99, 0.2, 0.001];
    const adjusted = benjaminiHochberg(pValues);
    adjusted.forEach((q, i) => {
      expect(q).toBeLessThanOrEqual(1);
      expect(q).toBeGreaterThanOrEqual(pValues[i]!);
    });
  });

  it('gives tied p-values the same q-value and is monotone in p', () => {
    const adjusted = benjaminiHochberg([0.03, 0.01, 0.03, 0.2]);
    expect(adjusted[0]).toBe(adjusted[2]);
    expect(adjusted[1]).toBeLessThanOrEqual(adjusted[0]!);
    expect(adjusted[3]).toBeGreaterThanOrEqual(adjusted[0]!);
  });

  it('does not modify its input', () => {
    const pValues = [0.5, 0.01, 0.2];
    benjaminiHochberg(pValues);
    expect(pValues).toEqual([0.5, 0.01, 0.2]);
  });
});
