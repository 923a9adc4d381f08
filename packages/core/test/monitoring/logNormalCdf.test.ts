import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/inference/normal.js';
import {
  logNormalCdf,
  logScaledNormalCdf,
  logScaledNormalCdfSlope,
} from '../../src/monitoring/logNormalCdf.js';
import { expectClose, hasNumbers } from '../inference/fixtureCases.js';
import { readMonitoringCases } from './monitoringFixtures.js';

const cases = readMonitoringCases('logNormalCdf.json', (value) =>
  hasNumbers(value, ['x', 'exact', 'scipy']),
);

describe('logNormalCdf', () => {
  it('matches the 50-digit log Phi(x) from -1000 to 40, the far lower tail included', () => {
    // A few ulp: log of Cody's Phi above -20, the 13-term asymptotic series below.
    for (const { x, exact } of cases) {
      expectClose(logNormalCdf(x), exact, { relative: 4e-15, absolute: 1e-300 }, `x=${x}`);
    }
  });

  it('agrees with scipy.special.log_ndtr', () => {
    // log_ndtr works from erfc of a rounded x, which costs it ~x^2 eps relative in the upper tail
    // (2.8e-14 at x = 20, against the mpmath value).
    for (const { x, scipy } of cases) {
      expectClose(logNormalCdf(x), scipy, { relative: 5e-14, absolute: 1e-300 }, `x=${x}`);
    }
  });

  it('does not underflow to -Infinity where Phi(x) itself is 0', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(Number.isFinite(logNormalCdf(-40))).toBe(true);
    expect(Number.isFinite(logNormalCdf(-1e3))).toBe(true);
    expect(Number.isFinite(logNormalCdf(-1e100))).toBe(true);
    expect(logNormalCdf(-Infinity)).toBe(-Infinity);
    expect(logNormalCdf(Infinity)).toBe(-0);
    expect(logNormalCdf(NaN)).toBeNaN();
  });

  it('is continuous where it switches to the asymptotic series at -20', () => {
    const below = logNormalCdf(-20 - 1e-12);
    const above = logNormalCdf(-20);
    expectClose(below, above - 1e-12 * 20, { relative: 1e-15 }, 'across -20');
  });
});

describe('logScaledNormalCdf', () => {
  it('is log Phi(x) + x^2/2 without cancellation: -log(-x) - log(2 pi)/2 + o(1) far out', () => {
    expectClose(
      logScaledNormalCdf(-1e3),
      -Math.log(1e3) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 1e-6 + 3e-12),
      { relative: 1e-15 },
      'h(-1000)',
    );
    expectClose(logScaledNormalCdf(0), -Math.LN2, { relative: 1e-16 }, 'h(0)');
  });

  it('has the slope of its finite differences on both sides of the cutoff', () => {
    for (const x of [-500, -40, -20.5, -20, -19.5, -8, -1, 0, 2, 10, 35]) {
      const h = logScaledNormalCdf(x);
      const step = 1e-5 * Math.max(1, Math.abs(x));
      const numeric = (logScaledNormalCdf(x + step) - logScaledNormalCdf(x - step)) / (2 * step);
      expectClose(logScaledNormalCdfSlope(x, h), numeric, { relative: 1e-6 }, `h'(${x})`);
      expect(logScaledNormalCdfSlope(x, h)).toBeGreaterThan(0);
    }
  });
});
