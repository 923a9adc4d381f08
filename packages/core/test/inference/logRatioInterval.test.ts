import { describe, expect, it } from 'vitest';
import { logRatioInterval } from '../../src/inference/logRatioInterval.js';
import { expectClose, hasNumbers, isRecord, readCases } from './fixtureCases.js';

interface RatioCase {
  readonly x1: number;
  readonly n1: number;
  readonly x2: number;
  readonly n2: number;
  readonly confidence: number;
  readonly method: 'log' | 'log-adjusted';
  readonly low: number;
  readonly high: number;
}

function isRatioCase(value: unknown): value is RatioCase {
  return (
    isRecord(value) &&
    (value.method === 'log' || value.method === 'log-adjusted') &&
    hasNumbers(value, ['x1', 'n1', 'x2', 'n2', 'confidence', 'low', 'high'])
  );
}

const cases = readCases('logRatioInterval.json', isRatioCase);

// An ulp of difference in z, amplified by exp() of a log-ratio of at most ~15: 1e-13 relative.
const TOLERANCE = { relative: 1e-13 };

describe('logRatioInterval', () => {
  it('matches statsmodels method="log" when both counts are positive', () => {
    const plain = cases.filter((item) => item.method === 'log');
    expect(plain.length).toBeGreaterThan(50);
    for (const { x1, n1, x2, n2, confidence, low, high } of plain) {
      const interval = logRatioInterval(x1, n1, x2, n2, confidence);
      const label = `(${x1}/${n1}) / (${x2}/${n2}) at ${confidence}`;
      expect(interval, label).not.toBeNull();
      if (interval === null) continue;
      expectClose(interval[0], low, TOLERANCE, `${label} low`);
      expectClose(interval[1], high, TOLERANCE, `${label} high`);
    }
  });

  it('matches statsmodels method="log-adjusted" when exactly one count is 0', () => {
    const adjusted = cases.filter((item) => item.method === 'log-adjusted');
    expect(adjusted.length).toBeGreaterThan(20);
    for (const { x1, n1, x2, n2, confidence, low, high } of adjusted) {
      const interval = logRatioInterval(x1, n1, x2, n2, confidence);
      const label = `(${x1}/${n1}) / (${x2}/${n2}) at ${confidence}`;
      expect(interval, label).not.toBeNull();
      if (interval === null) continue;
      expect(Number.isFinite(interval[1]), label).toBe(true);
      expect(interval[0], label).toBeGreaterThan(0);
      expectClose(interval[0], low, TOLERANCE, `${label} low`);
      expectClose(interval[1], high, TOLERANCE, `${label} high`);
    }
  });

  it('adds 0.5 to both counts and both sample sizes when one count is 0', () => {
    const [low, high] = logRatioInterval(0, 20, 4, 30, 0.95)!;
    const logRatio = Math.log(0.5 / 20.5 / (4.5 / 30.5));
    const margin = 1.959963984540054 * Math.sqrt(1 / 0.5 - 1 / 20.5 + 1 / 4.5 - 1 / 30.5);
    expectClose(low, Math.exp(logRatio - margin), { relative: 1e-14 }, 'low');
    expectClose(high, Math.exp(logRatio + margin), { relative: 1e-14 }, 'high');
  });

  it('returns null for 0/0 and when a sample has no trials', () => {
    expect(logRatioInterval(0, 10, 0, 12, 0.95)).toBeNull();
    expect(logRatioInterval(1, 0, 1, 12, 0.95)).toBeNull();
    expect(logRatioInterval(1, 10, 1, -1, 0.95)).toBeNull();
  });

  it('inverts when the samples are swapped', () => {
    for (const [x1, n1, x2, n2] of [
      [3, 17, 40, 61],
      [0, 8, 5, 9],
    ] as const) {
      const forward = logRatioInterval(x1, n1, x2, n2, 0.95)!;
      const backward = logRatioInterval(x2, n2, x1, n1, 0.95)!;
      expectClose(backward[0], 1 / forward[1], { relative: 1e-14 }, 'low');
      expectClose(backward[1], 1 / forward[0], { relative: 1e-14 }, 'high');
    }
  });

  it('collapses to [1, 1] when both samples are all successes', () => {
    expect(logRatioInterval(10, 10, 20, 20, 0.95)).toEqual([1, 1]);
  });
});
