import { describe, expect, it } from 'vitest';
import {
  logMixtureEValue,
  mixtureBoundary,
  mixturePrecisionFor,
} from '../../src/monitoring/mixtureEValue.js';
import { expectClose, hasNumbers } from '../inference/fixtureCases.js';
import { readMonitoringCases } from './monitoringFixtures.js';

const eValues = readMonitoringCases('mixtureEValue.json', (value) =>
  hasNumbers(value, ['s', 'v', 'rho', 'logEValue', 'exact']),
);
const boundaries = readMonitoringCases('mixtureBoundary.json', (value) =>
  hasNumbers(value, ['v', 'rho', 'logThreshold', 'boundary']),
);
const precisions = readMonitoringCases('mixturePrecision.json', (value) =>
  hasNumbers(value, ['logThreshold', 'ratio', 'minimalBoundary']),
);

const LOG_20 = Math.log(20);

describe('logMixtureEValue', () => {
  it('matches the numerical integral of the half-normal mixture (scipy quad)', () => {
    // quad is asked for 1e-13 relative on the integral; log E carries that as an absolute error
    // plus rounding of terms up to |log E| ~ 5e7, hence relative-or-absolute 1e-12.
    for (const { s, v, rho, logEValue } of eValues) {
      expectClose(
        logMixtureEValue(s, v, rho),
        logEValue,
        { relative: 1e-12, absolute: 1e-12 },
        `S=${s} V=${v} rho=${rho}`,
      );
    }
  });

  it('matches the 50-digit closed form, z = S / sqrt(V + rho) down to -1000', () => {
    for (const { s, v, rho, exact } of eValues) {
      expectClose(
        logMixtureEValue(s, v, rho),
        exact,
        { relative: 1e-14, absolute: 1e-14 },
        `S=${s} V=${v} rho=${rho}`,
      );
    }
  });

  it('is 1 at S = 0, V = 0 (the e-process starts at 1)', () => {
    for (const rho of [1e-6, 1, 1e6]) expect(logMixtureEValue(0, 0, rho)).toBe(0);
  });

  it('stays finite for very negative S instead of underflowing', () => {
    const value = logMixtureEValue(-1e3 * Math.sqrt(2), 1, 1);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeLessThan(-7);
    expect(logMixtureEValue(-Infinity, 1, 1)).toBe(-Infinity);
    expect(logMixtureEValue(Infinity, 1, 1)).toBe(Infinity);
  });

  it('is strictly increasing in S', () => {
    for (const [v, rho] of [
      [0, 1],
      [1, 0.15],
      [1e4, 1500],
      [1e8, 1e-3],
    ] as const) {
      let previous = -Infinity;
      const violations: number[] = [];
      for (let z = -1000; z <= 1000; z += 0.37) {
        const value = logMixtureEValue(z * Math.sqrt(v + rho), v, rho);
        if (!(value > previous)) violations.push(z);
        previous = value;
      }
      expect(violations, `V=${v} rho=${rho}`).toEqual([]);
    }
  });

  it('returns NaN for a negative intrinsic time, a non-positive precision or NaN', () => {
    expect(logMixtureEValue(1, -1, 1)).toBeNaN();
    expect(logMixtureEValue(1, 1, 0)).toBeNaN();
    expect(logMixtureEValue(NaN, 1, 1)).toBeNaN();
    expect(logMixtureEValue(1, NaN, 1)).toBeNaN();
  });
});

describe('mixtureBoundary', () => {
  it('matches brentq on the quadrature, negative thresholds included', () => {
    for (const { v, rho, logThreshold, boundary } of boundaries) {
      expectClose(
        mixtureBoundary(v, rho, logThreshold),
        boundary,
        { relative: 1e-12 },
        `V=${v} rho=${rho} L=${logThreshold}`,
      );
    }
  });

  it('round-trips: log E at the boundary is the threshold, and just below it is smaller', () => {
    for (const v of [0, 1e-3, 1, 30, 1e4, 1e7]) {
      for (const rho of [1e-3, 0.2, 1, 100, 1e5]) {
        for (const level of [-20, -1, 0, 0.5, LOG_20, 10, 200]) {
          const boundary = mixtureBoundary(v, rho, level);
          const label = `V=${v} rho=${rho} L=${level}`;
          expectClose(logMixtureEValue(boundary, v, rho), level, { absolute: 1e-12 }, label);
          const below = boundary - 1e-9 * Math.max(1, Math.abs(boundary));
          expect(logMixtureEValue(below, v, rho), label).toBeLessThan(level);
        }
      }
    }
  });

  it('grows with the threshold and with intrinsic time', () => {
    expect(mixtureBoundary(100, 15, 5)).toBeGreaterThan(mixtureBoundary(100, 15, LOG_20));
    expect(mixtureBoundary(200, 15, LOG_20)).toBeGreaterThan(mixtureBoundary(100, 15, LOG_20));
  });

  it('returns NaN for invalid parameters and +-Infinity for infinite thresholds', () => {
    expect(mixtureBoundary(-1, 1, LOG_20)).toBeNaN();
    expect(mixtureBoundary(1, 0, LOG_20)).toBeNaN();
    expect(mixtureBoundary(1, 1, NaN)).toBeNaN();
    expect(mixtureBoundary(1, 1, Infinity)).toBe(Infinity);
    expect(mixtureBoundary(1, 1, -Infinity)).toBe(-Infinity);
  });
});

describe('mixturePrecisionFor', () => {
  it('finds the rho / vStar that scipy minimize_scalar finds, and a boundary as small', () => {
    for (const { logThreshold, ratio, minimalBoundary } of precisions) {
      const rho = mixturePrecisionFor(1, logThreshold);
      // The boundary is flat at its minimum: either search pins rho to ~1e-8 only, and the two
      // minimal boundaries agree to the ~1e-14 at which our boundary and scipy's differ anyway.
      expectClose(rho, ratio, { relative: 1e-6 }, `rho at L=${logThreshold}`);
      expect(mixtureBoundary(1, rho, logThreshold)).toBeLessThanOrEqual(
        minimalBoundary * (1 + 1e-13),
      );
    }
  });

  it('scales with vStar: the optimal rho / vStar depends on the threshold only', () => {
    const ratio = mixturePrecisionFor(1, LOG_20);
    for (const vStar of [1e-3, 7, 1e4, 1e9]) {
      expectClose(
        mixturePrecisionFor(vStar, LOG_20),
        ratio * vStar,
        { relative: 1e-12 },
        `${vStar}`,
      );
    }
  });

  it('minimises the boundary at vStar against nearby precisions', () => {
    const vStar = 5000;
    const rho = mixturePrecisionFor(vStar, LOG_20);
    const best = mixtureBoundary(vStar, rho, LOG_20);
    for (const factor of [0.5, 0.9, 0.99, 1.01, 1.1, 2]) {
      expect(mixtureBoundary(vStar, rho * factor, LOG_20)).toBeGreaterThan(best);
    }
  });

  it('returns NaN without a positive finite vStar or a positive threshold', () => {
    expect(mixturePrecisionFor(0, LOG_20)).toBeNaN();
    expect(mixturePrecisionFor(Infinity, LOG_20)).toBeNaN();
    expect(mixturePrecisionFor(100, 0)).toBeNaN();
    expect(mixturePrecisionFor(100, NaN)).toBeNaN();
  });
});
