import { describe, expect, it } from 'vitest';
import type { GapEvidenceOptions, GapKind } from '../../src/monitoring/gapEvidence.js';
import { gapEvidence } from '../../src/monitoring/gapEvidence.js';
import { mixtureBoundary } from '../../src/monitoring/mixtureEValue.js';
import { expectClose, hasNumbers, isNumberArray, isRecord } from '../inference/fixtureCases.js';
import { readMonitoringCases } from './monitoringFixtures.js';

interface GapCase {
  readonly x1: number;
  readonly n1: number;
  readonly x2: number;
  readonly n2: number;
  readonly kind: GapKind;
  readonly band: [number, number];
  readonly rho: number;
  readonly logThreshold: number;
  readonly estimate: number;
  readonly variance: number;
  readonly varianceAbove: number;
  readonly varianceBelow: number;
  readonly varianceSource: 'statsmodels' | 'adjusted';
  readonly logEValueAbove: number;
  readonly logEValueBelow: number;
  readonly interval: [number, number];
}

function isGapCase(value: unknown): value is GapCase {
  if (!isRecord(value)) return false;
  const { kind, varianceSource, band, interval } = value;
  return (
    hasNumbers(value, [
      'x1',
      'n1',
      'x2',
      'n2',
      'rho',
      'logThreshold',
      'estimate',
      'variance',
      'varianceAbove',
      'varianceBelow',
      'logEValueAbove',
      'logEValueBelow',
    ]) &&
    (kind === 'difference' || kind === 'ratio') &&
    (varianceSource === 'statsmodels' || varianceSource === 'adjusted') &&
    isNumberArray(band) &&
    band.length === 2 &&
    isNumberArray(interval) &&
    interval.length === 2
  );
}

const cases = readMonitoringCases('gapEvidence.json', isGapCase);
const LOG_20 = Math.log(20);
const DIFFERENCE: GapEvidenceOptions = {
  kind: 'difference',
  band: [-0.05, 0.05],
  rho: 500,
  logThreshold: LOG_20,
};
const RATIO: GapEvidenceOptions = {
  kind: 'ratio',
  band: [0.8, 1.25],
  rho: 20,
  logThreshold: LOG_20,
};

describe('gapEvidence', () => {
  it('estimates the gap and its variance as statsmodels test_proportions_2indep does', () => {
    for (const c of cases) {
      const result = gapEvidence(c.x1, c.n1, c.x2, c.n2, c);
      const label = `${c.kind} ${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      expectClose(result.estimate ?? NaN, c.estimate, { relative: 1e-14 }, label);
      expectClose(result.variance ?? NaN, c.variance, { relative: 1e-14 }, label);
      expect(result.adjusted, label).toBe(c.varianceSource === 'adjusted');
      expect(result.reason, label).toBeUndefined();
    }
  });

  it("takes each side's variance as the larger of the plug-in and the restricted-likelihood variance at that edge", () => {
    for (const c of cases) {
      const result = gapEvidence(c.x1, c.n1, c.x2, c.n2, c);
      const label = `${c.kind} ${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      // brentq on the restricted score locates the proportions to a few ulp.
      const tolerance = { relative: 1e-12 };
      expectClose(result.varianceAbove ?? NaN, c.varianceAbove, tolerance, `${label} above`);
      expectClose(result.varianceBelow ?? NaN, c.varianceBelow, tolerance, `${label} below`);
    }
  });

  it('gives the log e-values of the quadrature and its confidence-sequence interval', () => {
    for (const c of cases) {
      const result = gapEvidence(c.x1, c.n1, c.x2, c.n2, c);
      const label = `${c.kind} ${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      // quad's 1e-13 on the integral, amplified by rounding of S = (d - edge) V (V up to 2e6).
      const tolerance = { relative: 1e-11, absolute: 1e-11 };
      expectClose(result.logEValueAbove, c.logEValueAbove, tolerance, `${label} above`);
      expectClose(result.logEValueBelow, c.logEValueBelow, tolerance, `${label} below`);
      expect(result.logEValue).toBe(Math.max(result.logEValueAbove, result.logEValueBelow));
      expect(result.interval).not.toBeNull();
      const [low, high] = result.interval ?? [NaN, NaN];
      expectClose(low, c.interval[0], { relative: 1e-10, absolute: 1e-13 }, `${label} low`);
      expectClose(high, c.interval[1], { relative: 1e-10, absolute: 1e-13 }, `${label} high`);
    }
  });

  it('points to the side with more evidence', () => {
    expect(gapEvidence(600, 1000, 300, 1000, DIFFERENCE).direction).toBe('above');
    expect(gapEvidence(300, 1000, 600, 1000, DIFFERENCE).direction).toBe('below');
    expect(gapEvidence(60, 1000, 300, 1000, RATIO).direction).toBe('below');
    expect(gapEvidence(300, 1000, 300, 1000, DIFFERENCE).direction).toBeNull();
  });

  it('says the interval lies outside the band exactly when one log e-value reaches L', () => {
    for (const c of cases) {
      const result = gapEvidence(c.x1, c.n1, c.x2, c.n2, c);
      const [low, high] = result.interval ?? [NaN, NaN];
      const label = `${c.kind} ${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      expect(low > c.band[1], label).toBe(result.logEValueAbove >= c.logThreshold);
      expect(high < c.band[0], label).toBe(result.logEValueBelow >= c.logThreshold);
    }
  });

  it("ends the interval at boundary(V) / V from the estimate, with each side's variance", () => {
    const result = gapEvidence(1500, 5000, 1200, 5000, DIFFERENCE);
    const vAbove = 1 / (result.varianceAbove ?? NaN);
    const vBelow = 1 / (result.varianceBelow ?? NaN);
    expect(result.interval).toEqual([
      0.06 - mixtureBoundary(vAbove, DIFFERENCE.rho, LOG_20) / vAbove,
      0.06 + mixtureBoundary(vBelow, DIFFERENCE.rho, LOG_20) / vBelow,
    ]);
  });

  it('does not find a small group below the band from 1 false positive in 100 negatives (the false page of canary-regression seed 24046 on v1 s20)', () => {
    // The window the change detector picked: s20 had 1 FP of 100 negatives, s01 257 of 2151,
    // both at the true rate 0.10. The plug-in variance (1.5e-4) read this as log E_below 10.3.
    const options: GapEvidenceOptions = { ...DIFFERENCE, rho: 1035, logThreshold: Math.log(100) };
    const result = gapEvidence(1, 100, 257, 2151, options);
    expect(result.variance ?? NaN).toBeLessThan(1.6e-4);
    expect(result.varianceBelow ?? NaN).toBeGreaterThan(4 * (result.variance ?? NaN));
    expect(result.logEValueBelow).toBeLessThan(Math.log(1 / 0.01) / 2);
    const [, high] = result.interval ?? [NaN, NaN];
    expect(high).toBeGreaterThan(-0.05);
  });

  it('still finds a large group below the band when its rate really is lower', () => {
    const options: GapEvidenceOptions = { ...DIFFERENCE, rho: 1035, logThreshold: Math.log(100) };
    const result = gapEvidence(200, 4000, 500, 4000, options);
    expect(result.logEValueBelow).toBeGreaterThan(Math.log(100));
  });

  it('has no evidence on the open side of a one-sided band and keeps the plug-in there', () => {
    const result = gapEvidence(1, 100, 257, 2151, { ...DIFFERENCE, band: [-0.05, Infinity] });
    expect(result.logEValueAbove).toBe(-Infinity);
    expect(result.varianceAbove).toBe(result.variance);
    const ratio = gapEvidence(90, 100, 257, 2151, { ...RATIO, band: [0, 1.25] });
    expect(ratio.logEValueBelow).toBe(-Infinity);
    expect(ratio.logEValueAbove).toBeGreaterThan(LOG_20);
  });

  it('keeps the adjusted plug-in for a ratio when neither group has a success', () => {
    const result = gapEvidence(0, 1000, 0, 1000, RATIO);
    expect(result.varianceAbove).toBe(result.variance);
    expect(result.varianceBelow).toBe(result.variance);
  });

  it('mirrors when the groups are swapped', () => {
    const forward = gapEvidence(130, 400, 90, 500, DIFFERENCE);
    const backward = gapEvidence(90, 500, 130, 400, DIFFERENCE);
    expect(backward.logEValueBelow).toBeCloseTo(forward.logEValueAbove, 12);
    expect(backward.logEValueAbove).toBeCloseTo(forward.logEValueBelow, 12);
    const ratioForward = gapEvidence(130, 400, 90, 500, RATIO);
    const ratioBackward = gapEvidence(90, 500, 130, 400, RATIO);
    expect(ratioBackward.logEValueBelow).toBeCloseTo(ratioForward.logEValueAbove, 12);
  });

  it('has no evidence on a side whose band edge is infinite (a one-sided band)', () => {
    const result = gapEvidence(900, 1000, 100, 1000, { ...DIFFERENCE, band: [-Infinity, 0.05] });
    expect(result.logEValueBelow).toBe(-Infinity);
    expect(result.direction).toBe('above');
    const ratio = gapEvidence(100, 1000, 500, 1000, { ...RATIO, band: [0, Infinity] });
    expect(ratio.logEValue).toBe(-Infinity);
    expect(ratio.direction).toBeNull();
  });
});

describe('gapEvidence degenerate input', () => {
  it('returns no evidence, with the reason, when a group has no trials', () => {
    for (const [n1, n2, reason] of [
      [0, 100, 'no trials in the group'],
      [100, 0, 'no trials in the comparison group'],
      [NaN, 100, 'no trials in the group'],
    ] as const) {
      const result = gapEvidence(0, n1, 0, n2, DIFFERENCE);
      expect(result).toEqual({
        kind: 'difference',
        estimate: null,
        variance: null,
        intrinsicTime: 0,
        varianceAbove: null,
        varianceBelow: null,
        logEValueAbove: -Infinity,
        logEValueBelow: -Infinity,
        logEValue: -Infinity,
        direction: null,
        interval: null,
        adjusted: false,
        reason,
      });
    }
  });

  it('returns no evidence for successes outside 0..trials', () => {
    expect(gapEvidence(11, 10, 3, 10, DIFFERENCE).reason).toBe('successes outside 0..trials');
    expect(gapEvidence(1, 10, -1, 10, RATIO).reason).toBe('successes outside 0..trials');
  });

  it('never gives infinite evidence for a 0/n or n/n group, however large n', () => {
    for (const [x1, n1, x2, n2] of [
      [0, 1e9, 0, 1e9],
      [1e9, 1e9, 1e9, 1e9],
      [0, 20, 20, 20],
      [0, 1e6, 1e6, 1e6],
    ] as const) {
      for (const options of [DIFFERENCE, RATIO]) {
        const result = gapEvidence(x1, n1, x2, n2, options);
        const label = `${options.kind} ${x1}/${n1} vs ${x2}/${n2}`;
        expect(Number.isFinite(result.logEValue), label).toBe(true);
        expect(Number.isFinite(result.estimate), label).toBe(true);
        expect(result.adjusted, label).toBe(true);
        expect(result.interval?.every(Number.isFinite), label).toBe(true);
      }
    }
  });

  it('uses (x + 1/2) / (n + 1) in the variance of a 0 or 1 proportion only', () => {
    const result = gapEvidence(0, 99, 30, 100, DIFFERENCE);
    const adjusted = 0.5 / 100;
    expect(result.estimate).toBe(-0.3);
    expectClose(
      result.variance ?? NaN,
      (adjusted * (1 - adjusted)) / 99 + (0.3 * 0.7) / 100,
      { relative: 1e-15 },
      'variance',
    );
  });

  it('estimates a ratio with a zero count from the adjusted proportion', () => {
    const result = gapEvidence(0, 99, 30, 100, RATIO);
    expectClose(result.estimate ?? NaN, 0.005 / 0.3, { relative: 1e-14 }, 'estimate');
    expect(result.direction).toBe('below');
  });

  it('returns a null interval when the threshold is too small for a positive boundary', () => {
    const result = gapEvidence(30, 100, 20, 100, { ...DIFFERENCE, logThreshold: -10 });
    expect(result.interval).toBeNull();
    expect(Number.isFinite(result.logEValue)).toBe(true);
  });
});
