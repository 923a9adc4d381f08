import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/inference/wilsonInterval.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const cases = readCases('wilsonInterval.json', (value) =>
  hasNumbers(value, ['successes', 'trials', 'confidence', 'low', 'high']),
);

// statsmodels' critical value can differ from twoSidedZ by an ulp; the lower bound is a
// difference center - halfWidth that cancels for small counts (it is 0 up to rounding when
// successes = 0, and clipped at 0 here), hence the 1e-15 absolute floor.
const TOLERANCE = { relative: 1e-13, absolute: 1e-15 };

describe('wilsonInterval', () => {
  it('matches statsmodels proportion_confint(method="wilson") for integer and weighted counts', () => {
    for (const { successes, trials, confidence, low, high } of cases) {
      const interval = wilsonInterval(successes, trials, confidence);
      const label = `${successes}/${trials} at ${confidence}`;
      expect(interval, label).not.toBeNull();
      if (interval === null) continue;
      expectClose(interval[0], low, TOLERANCE, `${label} low`);
      expectClose(interval[1], high, TOLERANCE, `${label} high`);
    }
  });

  it('returns null when there are no trials', () => {
    expect(wilsonInterval(0, 0, 0.95)).toBeNull();
    expect(wilsonInterval(0, -1, 0.95)).toBeNull();
    expect(wilsonInterval(0, NaN, 0.95)).toBeNull();
  });

  it('starts at exactly 0 with no successes and ends at exactly 1 with all successes', () => {
    expect(wilsonInterval(0, 7, 0.95)?.[0]).toBe(0);
    expect(wilsonInterval(7, 7, 0.95)?.[1]).toBe(1);
    expect(wilsonInterval(0, 1, 0.99)?.[0]).toBe(0);
  });

  it('does not round weighted counts', () => {
    const weighted = wilsonInterval(2.4, 5.2, 0.95);
    const rounded = wilsonInterval(2, 5, 0.95);
    expect(weighted).not.toEqual(rounded);
  });

  it('contains the observed proportion and widens with the confidence level', () => {
    const narrow = wilsonInterval(30, 120, 0.9)!;
    const wide = wilsonInterval(30, 120, 0.99)!;
    expect(narrow[0]).toBeLessThan(0.25);
    expect(narrow[1]).toBeGreaterThan(0.25);
    expect(wide[0]).toBeLessThan(narrow[0]);
    expect(wide[1]).toBeGreaterThan(narrow[1]);
  });
});
