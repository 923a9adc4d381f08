import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sample/seededRandom.js';
import {
  SEGMENT_SHARES,
  SEX_SHARES,
  SMALL_COHORT_SEGMENT_SHARES,
  pickGroup,
} from '../../src/simulate/segmentShares.js';

describe('segment shares', () => {
  it('has 20 groups s01..s20 summing to 1, s01 25%, s02 20%, the rest at least 1% and uneven', () => {
    expect(SEGMENT_SHARES.map((s) => s.group)).toEqual(
      Array.from({ length: 20 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`),
    );
    expect(SEGMENT_SHARES.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
    expect(SEGMENT_SHARES[0]?.share).toBe(0.25);
    expect(SEGMENT_SHARES[1]?.share).toBe(0.2);
    const rest = SEGMENT_SHARES.slice(2).map((s) => s.share);
    expect(Math.min(...rest)).toBeGreaterThanOrEqual(0.01);
    expect(new Set(rest).size).toBeGreaterThan(5);
  });

  it('makes s20 rare (0.2%) in the small-cohort table and still sums to 1', () => {
    expect(SMALL_COHORT_SEGMENT_SHARES.find((s) => s.group === 's20')?.share).toBe(0.002);
    expect(SMALL_COHORT_SEGMENT_SHARES.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  });

  it('splits sex 50/50', () => {
    expect(SEX_SHARES).toEqual([
      { group: 'F', share: 0.5 },
      { group: 'M', share: 0.5 },
    ]);
  });
});

describe('pickGroup', () => {
  it('walks the cumulative shares', () => {
    expect(pickGroup(SEGMENT_SHARES, 0)).toBe('s01');
    expect(pickGroup(SEGMENT_SHARES, 0.2499)).toBe('s01');
    expect(pickGroup(SEGMENT_SHARES, 0.25)).toBe('s02');
    expect(pickGroup(SEGMENT_SHARES, 0.4499)).toBe('s02');
    expect(pickGroup(SEGMENT_SHARES, 0.45)).toBe('s03');
    expect(pickGroup(SEGMENT_SHARES, 0.999999)).toBe('s20');
  });

  it('draws groups in proportion to their shares', () => {
    const random = seededRandom(3);
    const counts = new Map<string, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const g = pickGroup(SEGMENT_SHARES, random());
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const { group, share } of SEGMENT_SHARES) {
      const sd = Math.sqrt((share * (1 - share)) / n);
      expect(Math.abs((counts.get(group) ?? 0) / n - share), group).toBeLessThan(4 * sd);
    }
  });
});
