import { describe, expect, it } from 'vitest';
import { aucInterval, binnedAuc } from '../../src/inference/binnedAuc.js';
import { expectClose, hasNumbers, isNumberArray, isRecord, readCases } from './fixtureCases.js';

interface AucCase {
  readonly negatives: number[];
  readonly positives: number[];
  readonly auc: number;
  readonly variance: number;
  readonly tieFraction: number;
  readonly confidence: number;
  readonly low?: number;
  readonly high?: number;
}

function isAucCase(value: unknown): value is AucCase {
  return (
    isRecord(value) &&
    isNumberArray(value.negatives) &&
    isNumberArray(value.positives) &&
    value.negatives.length === value.positives.length &&
    (!('low' in value) || Number.isFinite(value.low)) &&
    (!('high' in value) || Number.isFinite(value.high)) &&
    hasNumbers(value, ['auc', 'variance', 'tieFraction', 'confidence'])
  );
}

const cases = readCases('binnedAuc.json', isAucCase);

describe('binnedAuc', () => {
  it('matches sklearn roc_auc_score and the raw-score DeLong variance when bins are distinct scores', () => {
    for (const [index, { negatives, positives, auc, variance, tieFraction }] of cases.entries()) {
      const estimate = binnedAuc(negatives, positives);
      const label = `case ${index} (${negatives.length} bins)`;
      expect(estimate, label).not.toBeNull();
      if (estimate === null) continue;
      // Sums of up to a few thousand weighted terms taken in a different order (measured within
      // 3e-15): 1e-13 relative; absolute floors for the exact zeros (no ties, zero variance).
      expectClose(estimate.auc, auc, { relative: 1e-13, absolute: 1e-15 }, `${label} auc`);
      expectClose(
        estimate.variance,
        variance,
        { relative: 1e-13, absolute: 1e-17 },
        `${label} variance`,
      );
      expectClose(
        estimate.tieFraction,
        tieFraction,
        { relative: 1e-13, absolute: 1e-15 },
        `${label} ties`,
      );
    }
  });

  it('returns null when there are no positives or no negatives', () => {
    expect(binnedAuc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(binnedAuc([0, 0], [4, 1])).toBeNull();
    expect(binnedAuc([], [])).toBeNull();
  });

  it('counts pairs in the same bin as half and reports their share', () => {
    expect(binnedAuc([3], [5])).toEqual({ auc: 0.5, variance: 0, tieFraction: 1 });
    const estimate = binnedAuc([2, 1, 0], [0, 1, 2])!;
    // pairs: 2 x 1 + 2 x 2 won, 1 x 1 tied out of 3 x 3: (6 + 0.5 * 1 + 2) / 9
    expectClose(estimate.auc, 8.5 / 9, { relative: 1e-15 }, 'auc');
    expectClose(estimate.tieFraction, 1 / 9, { relative: 1e-15 }, 'ties');
  });

  it('has zero variance under perfect separation', () => {
    expect(binnedAuc([4, 0], [0, 3])).toEqual({ auc: 1, variance: 0, tieFraction: 0 });
  });

  it('reports an undefined (NaN) variance with a single positive or negative', () => {
    expect(binnedAuc([5, 5], [0, 1])?.variance).toBeNaN();
    expect(binnedAuc([0, 1], [3, 4])?.variance).toBeNaN();
  });

  it('rejects bin arrays of different lengths', () => {
    expect(() => binnedAuc([1, 2], [1])).toThrow(RangeError);
  });

  it('accepts typed arrays', () => {
    const estimate = binnedAuc(new Float64Array([3, 1]), new Uint32Array([1, 3]));
    // (1 x 3/2 + 3 x (3 + 1/2)) / (4 x 4)
    expect(estimate?.auc).toBe(0.75);
  });
});

describe('aucInterval', () => {
  it('matches the logit-scale delta-method interval computed with scipy', () => {
    const withInterval = cases.filter((item) => item.low !== undefined && item.high !== undefined);
    expect(withInterval.length).toBeGreaterThan(15);
    for (const { auc, variance, tieFraction, confidence, low, high } of withInterval) {
      const [lower, upper] = aucInterval({ auc, variance, tieFraction }, confidence);
      expectClose(lower, low!, { relative: 1e-13 }, `auc ${auc} low`);
      expectClose(upper, high!, { relative: 1e-13 }, `auc ${auc} high`);
      expect(lower).toBeGreaterThan(0);
      expect(upper).toBeLessThan(1);
    }
  });

  it('collapses to [auc, auc] when the AUC is 0 or 1 or the variance is 0', () => {
    expect(aucInterval({ auc: 1, variance: 0, tieFraction: 0 }, 0.95)).toEqual([1, 1]);
    expect(aucInterval({ auc: 0, variance: 0.01, tieFraction: 0 }, 0.95)).toEqual([0, 0]);
    expect(aucInterval({ auc: 0.5, variance: 0, tieFraction: 1 }, 0.95)).toEqual([0.5, 0.5]);
  });

  it('is the whole of [0, 1] when the variance is undefined', () => {
    expect(aucInterval({ auc: 0.7, variance: NaN, tieFraction: 0 }, 0.95)).toEqual([0, 1]);
  });

  it('stays inside (0, 1) where the normal-scale interval would pass 1', () => {
    const auc = 0.98;
    const variance = 0.0004;
    expect(auc + 2.576 * Math.sqrt(variance)).toBeGreaterThan(1);
    const [low, high] = aucInterval({ auc, variance, tieFraction: 0 }, 0.99);
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(auc);
    expect(high).toBeGreaterThan(auc);
    expect(high).toBeLessThan(1);
  });
});
