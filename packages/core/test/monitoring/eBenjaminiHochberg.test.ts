import { describe, expect, it } from 'vitest';
import { eBenjaminiHochberg } from '../../src/monitoring/eBenjaminiHochberg.js';
import { expectClose, isRecord } from '../inference/fixtureCases.js';
import { readMonitoringCases } from './monitoringFixtures.js';

interface EbhCase {
  /** null stands for -Infinity (JSON has no spelling for it). */
  readonly logEValues: (number | null)[];
  readonly alpha: number;
  readonly rejected: number[];
  /** null when nothing is rejected. */
  readonly logThreshold: number | null;
}

function isEbhCase(value: unknown): value is EbhCase {
  return (
    isRecord(value) &&
    Array.isArray(value.logEValues) &&
    value.logEValues.every((item) => item === null || Number.isFinite(item)) &&
    Number.isFinite(value.alpha) &&
    Array.isArray(value.rejected) &&
    value.rejected.every((item) => Number.isInteger(item)) &&
    (value.logThreshold === null || Number.isFinite(value.logThreshold))
  );
}

const cases = readMonitoringCases('eBenjaminiHochberg.json', isEbhCase);

describe('eBenjaminiHochberg', () => {
  it('rejects what the self-consistency form of e-BH rejects (independent Python)', () => {
    for (const { logEValues, alpha, rejected, logThreshold } of cases) {
      const values = logEValues.map((value) => value ?? -Infinity);
      const result = eBenjaminiHochberg(values, alpha);
      const label = `m=${values.length} alpha=${alpha}`;
      expect(result.rejected, label).toEqual(rejected);
      if (logThreshold === null) expect(result.logThreshold, label).toBe(Infinity);
      else expectClose(result.logThreshold, logThreshold, { relative: 1e-15 }, label);
    }
  });

  it('rejects nothing for no hypotheses', () => {
    expect(eBenjaminiHochberg([], 0.05)).toEqual({ rejected: [], logThreshold: Infinity });
  });

  it('rejects a single e-value exactly when it reaches 1 / alpha', () => {
    expect(eBenjaminiHochberg([Math.log(20)], 0.05).rejected).toEqual([0]);
    expect(eBenjaminiHochberg([Math.log(19.99)], 0.05).rejected).toEqual([]);
  });

  it('rejects tied e-values together or not at all', () => {
    // m = 4, alpha = 0.1: four rejections need e >= 10, three need e >= 13.3.
    expect(eBenjaminiHochberg([3, 3, 3, 3], 0.1).rejected).toEqual([0, 1, 2, 3]);
    expect(eBenjaminiHochberg([2.2, 2.2, 2.2, 2.2], 0.1).rejected).toEqual([]);
    const result = eBenjaminiHochberg([5, 2.9, 2.9, -1], 0.1);
    expect(result.rejected).toEqual([0, 1, 2]);
    expect(result.logThreshold).toBeCloseTo(Math.log(4 / 0.3), 14);
  });

  it('never rejects -Infinity or NaN and always rejects +Infinity', () => {
    const result = eBenjaminiHochberg([-Infinity, NaN, Infinity, -Infinity], 0.05);
    expect(result.rejected).toEqual([2]);
    expect(eBenjaminiHochberg([-Infinity, -Infinity], 0.5).rejected).toEqual([]);
  });

  it('returns indices in input order and leaves its input alone', () => {
    const input = [0, 9, -2, 8, 1];
    const result = eBenjaminiHochberg(input, 0.1);
    expect(result.rejected).toEqual([1, 3]);
    expect(input).toEqual([0, 9, -2, 8, 1]);
  });

  it('rejects nothing for an alpha outside (0, 1]', () => {
    for (const alpha of [0, -0.1, 1.5, NaN]) {
      expect(eBenjaminiHochberg([100], alpha)).toEqual({ rejected: [], logThreshold: NaN });
    }
  });
});
