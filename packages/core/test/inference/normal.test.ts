import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  normalSurvival,
  twoSidedZ,
} from '../../src/inference/normal.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const distribution = readCases('normalDistribution.json', (value) =>
  hasNumbers(value, ['x', 'cdf', 'survival', 'exactCdf', 'exactSurvival']),
);
const quantiles = readCases('normalQuantile.json', (value) =>
  hasNumbers(value, ['p', 'quantile', 'exactQuantile']),
);
const criticalValues = readCases('twoSidedZ.json', (value) =>
  hasNumbers(value, ['confidence', 'z', 'exactZ']),
);

/** Results below the smallest normal double are subnormal: only absolute agreement is meaningful. */
const SUBNORMAL_FLOOR = 1e-306;

describe('normalCdf and normalSurvival', () => {
  it('match the 50-digit values to a few ulp over the whole line, tails included', () => {
    // Cody's approximations are good to ~7e-16 relative (measured); 2e-15 leaves room for libm.
    for (const { x, exactCdf, exactSurvival } of distribution) {
      expectClose(
        normalCdf(x),
        exactCdf,
        { relative: 2e-15, absolute: SUBNORMAL_FLOOR },
        `cdf(${x})`,
      );
      expectClose(
        normalSurvival(x),
        exactSurvival,
        { relative: 2e-15, absolute: SUBNORMAL_FLOOR },
        `survival(${x})`,
      );
    }
  });

  it('agree with scipy.stats.norm.cdf and sf', () => {
    // scipy evaluates erfc(x / sqrt 2) with exp(-x^2) of a rounded x^2, which costs it up to
    // ~x^2 * eps relative in the tail (1.1e-14 at x = 37); 1e-12 covers that with margin.
    for (const { x, cdf, survival } of distribution) {
      expectClose(normalCdf(x), cdf, { relative: 1e-12, absolute: SUBNORMAL_FLOOR }, `cdf(${x})`);
      expectClose(
        normalSurvival(x),
        survival,
        { relative: 1e-12, absolute: SUBNORMAL_FLOOR },
        `survival(${x})`,
      );
    }
  });

  it('computes the upper tail directly instead of as 1 - cdf', () => {
    expect(normalSurvival(10)).toBeGreaterThan(0);
    expectClose(normalSurvival(37), 5.725571222524577e-300, { relative: 2e-15 }, 'survival(37)');
    expectClose(normalCdf(-37), normalSurvival(37), { relative: 0 }, 'symmetry at 37');
  });

  it('handles infinities and NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalSurvival(Infinity)).toBe(0);
    expect(normalSurvival(-Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalSurvival(NaN)).toBeNaN();
  });

  it('returns exactly one half at zero', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSurvival(0)).toBe(0.5);
  });
});

describe('normalQuantile', () => {
  it('matches the 50-digit quantile to about one ulp', () => {
    // AS 241 plus one Newton step in the tails: measured within 6e-16 relative.
    for (const { p, exactQuantile } of quantiles) {
      expectClose(normalQuantile(p), exactQuantile, { relative: 1e-15 }, `quantile(${p})`);
    }
  });

  it('agrees with scipy.stats.norm.ppf', () => {
    for (const { p, quantile } of quantiles) {
      expectClose(normalQuantile(p), quantile, { relative: 1e-12 }, `quantile(${p})`);
    }
  });

  it('inverts normalCdf', () => {
    for (const p of [1e-250, 1e-20, 0.001, 0.3, 0.5, 0.7, 0.999]) {
      expectClose(normalCdf(normalQuantile(p)), p, { relative: 1e-14 }, `cdf(quantile(${p}))`);
    }
  });

  it('returns infinities at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe('twoSidedZ', () => {
  it('matches the 50-digit critical value to about one ulp', () => {
    for (const { confidence, exactZ } of criticalValues) {
      expectClose(twoSidedZ(confidence), exactZ, { relative: 1e-15 }, `z(${confidence})`);
    }
  });

  it('agrees with scipy.stats.norm.isf((1 - confidence) / 2)', () => {
    // scipy's ndtri is within an ulp or two; e.g. 0.95 gives 1.959963984540054 there and the
    // correctly rounded 1.9599639845400538 here.
    for (const { confidence, z } of criticalValues) {
      expectClose(twoSidedZ(confidence), z, { relative: 1e-15 }, `z(${confidence})`);
    }
  });

  it('gives 1.96 for 95% confidence', () => {
    expectClose(twoSidedZ(0.95), 1.959963984540054, { relative: 2.5e-16 }, 'z(0.95)');
  });

  it('returns NaN for a confidence outside (0, 1)', () => {
    expect(twoSidedZ(0)).toBeNaN();
    expect(twoSidedZ(1)).toBeNaN();
    expect(twoSidedZ(1.5)).toBeNaN();
    expect(twoSidedZ(NaN)).toBeNaN();
  });
});
