import { describe, expect, it } from 'vitest';
import { newcombeDifferenceInterval } from '../../src/inference/newcombeDifferenceInterval.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const cases = readCases('newcombeDifferenceInterval.json', (value) =>
  hasNumbers(value, ['x1', 'n1', 'x2', 'n2', 'confidence', 'low', 'high']),
);

// As for the Wilson interval: an ulp of difference in z, amplified where bounds come near 0.
const TOLERANCE = { relative: 1e-13, absolute: 1e-15 };

describe('newcombeDifferenceInterval', () => {
  it('matches statsmodels confint_proportions_2indep(compare="diff", method="newcomb")', () => {
    for (const { x1, n1, x2, n2, confidence, low, high } of cases) {
      const interval = newcombeDifferenceInterval(x1, n1, x2, n2, confidence);
      const label = `${x1}/${n1} - ${x2}/${n2} at ${confidence}`;
      expect(interval, label).not.toBeNull();
      if (interval === null) continue;
      expectClose(interval[0], low, TOLERANCE, `${label} low`);
      expectClose(interval[1], high, TOLERANCE, `${label} high`);
    }
  });

  it('returns null when either sample has no trials', () => {
    expect(newcombeDifferenceInterval(0, 0, 1, 2, 0.95)).toBeNull();
    expect(newcombeDifferenceInterval(1, 2, 0, 0, 0.95)).toBeNull();
    expect(newcombeDifferenceInterval(1, -2, 1, 2, 0.95)).toBeNull();
  });

  it('is symmetric around 0 for two identical samples', () => {
    const [low, high] = newcombeDifferenceInterval(13, 40, 13, 40, 0.95)!;
    expectClose(low, -high, { relative: 1e-15 }, 'symmetry');
    expect(high).toBeGreaterThan(0);
  });

  it('reverses sign when the samples are swapped', () => {
    const forward = newcombeDifferenceInterval(3, 17, 40, 61, 0.9)!;
    const backward = newcombeDifferenceInterval(40, 61, 3, 17, 0.9)!;
    expectClose(backward[0], -forward[1], { relative: 1e-15 }, 'low');
    expectClose(backward[1], -forward[0], { relative: 1e-15 }, 'high');
  });

  it('stays inside [-1, 1] at the extremes', () => {
    const [low, high] = newcombeDifferenceInterval(1, 1, 0, 1, 0.99)!;
    expect(high).toBe(1);
    expect(low).toBeGreaterThanOrEqual(-1);
    const [oppositeLow] = newcombeDifferenceInterval(0, 5, 5, 5, 0.99)!;
    expect(oppositeLow).toBe(-1);
  });
});
