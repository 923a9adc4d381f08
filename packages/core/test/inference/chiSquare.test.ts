import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../../src/inference/chiSquare.js';
import { normalSurvival } from '../../src/inference/normal.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const cases = readCases('chiSquareSurvival.json', (value) =>
  hasNumbers(value, ['x', 'df', 'survival', 'exact']),
);

describe('chiSquareSurvival', () => {
  it('matches the 50-digit survival function for df 1..50 down to p ~ 1e-300', () => {
    // Relative error of Q(df/2, x/2) grows with the size of its exponent, ~eps * x: at most
    // ~1e-13 for x ~ 1500 (p ~ 1e-300).
    for (const { x, df, exact } of cases) {
      const relative = Math.max(1e-13, 8 * Number.EPSILON * (x + df * Math.log(x + 1)));
      expectClose(chiSquareSurvival(x, df), exact, { relative }, `sf(${x}; ${df})`);
    }
  });

  it('agrees with scipy.stats.chi2.sf to 1e-9', () => {
    for (const { x, df, survival } of cases) {
      expectClose(chiSquareSurvival(x, df), survival, { relative: 1e-9 }, `sf(${x}; ${df})`);
    }
  });

  it('equals the two-sided normal tail for one degree of freedom', () => {
    for (const z of [0.1, 1, 1.96, 5, 20]) {
      expectClose(
        chiSquareSurvival(z * z, 1),
        2 * normalSurvival(z),
        { relative: 1e-13 },
        `z=${z}`,
      );
    }
  });

  it('is 1 for x <= 0 and NaN for df <= 0 or NaN input', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-2, 3)).toBe(1);
    expect(chiSquareSurvival(1, 0)).toBeNaN();
    expect(chiSquareSurvival(NaN, 1)).toBeNaN();
    expect(chiSquareSurvival(1, NaN)).toBeNaN();
  });
});
