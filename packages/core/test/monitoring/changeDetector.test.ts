import { describe, expect, it } from 'vitest';
import type {
  BucketPrefixSums,
  ChangeDetectorOptions,
} from '../../src/monitoring/changeDetector.js';
import { detectGapChange } from '../../src/monitoring/changeDetector.js';
import { gapEvidence } from '../../src/monitoring/gapEvidence.js';
import { binomialDraw, mulberry32 } from './monitoringFixtures.js';

interface Bucket {
  readonly x1: number;
  readonly n1: number;
  readonly x2: number;
  readonly n2: number;
}

function prefixSums(buckets: readonly Bucket[]): BucketPrefixSums {
  const size = buckets.length + 1;
  const sums = {
    x1: new Float64Array(size),
    n1: new Float64Array(size),
    x2: new Float64Array(size),
    n2: new Float64Array(size),
  };
  buckets.forEach((bucket, index) => {
    sums.x1[index + 1] = sums.x1[index]! + bucket.x1;
    sums.n1[index + 1] = sums.n1[index]! + bucket.n1;
    sums.x2[index + 1] = sums.x2[index]! + bucket.x2;
    sums.n2[index + 1] = sums.n2[index]! + bucket.n2;
  });
  return sums;
}

/** Buckets of `size` trials per group with success probabilities p1(bucket) and p2. */
function simulate(
  seed: number,
  count: number,
  size: number,
  p1: (bucket: number) => number,
  p2: number,
): Bucket[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, bucket) => ({
    x1: binomialDraw(random, size, p1(bucket)),
    n1: size,
    x2: binomialDraw(random, size, p2),
    n2: size,
  }));
}

const OPTIONS: ChangeDetectorOptions = {
  kind: 'difference',
  band: [-0.05, 0.05],
  rho: 300,
  logThreshold: Math.log(1000),
  minSamples: 30,
};

function allStarts(t: number): number[] {
  return Array.from({ length: t }, (_, s) => s);
}

describe('detectGapChange', () => {
  it('over one start equals gapEvidence on the summed counts', () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const buckets = simulate(trial, 40, 25, () => 0.2 + 0.3 * random(), 0.3);
      const sums = prefixSums(buckets);
      const t = 10 + Math.floor(random() * 30);
      const s = Math.floor(random() * (t - 2));
      const window = buckets.slice(s, t);
      const total = (key: keyof Bucket): number => window.reduce((sum, b) => sum + b[key], 0);
      for (const options of [OPTIONS, { ...OPTIONS, kind: 'ratio', band: [0.8, 1.25] } as const]) {
        const change = detectGapChange(sums, t, [s], options);
        const evidence = gapEvidence(total('x1'), total('n1'), total('x2'), total('n2'), options);
        expect(change).toEqual({
          logEValue: evidence.logEValue,
          start: s,
          direction: evidence.direction,
          estimate: evidence.estimate,
          interval: evidence.interval,
          n1: total('n1'),
          n2: total('n2'),
          startsEvaluated: 1,
        });
      }
    }
  });

  it('returns the start with the largest log e-value among the candidates', () => {
    const buckets = simulate(3, 60, 50, (b) => (b < 40 ? 0.3 : 0.5), 0.3);
    const sums = prefixSums(buckets);
    const starts = allStarts(60);
    const change = detectGapChange(sums, 60, starts, OPTIONS);
    const each = starts.map((s) => detectGapChange(sums, 60, [s], OPTIONS).logEValue);
    expect(change.logEValue).toBe(Math.max(...each));
    expect(change.start).toBe(each.indexOf(change.logEValue));
    expect(change.direction).toBe('above');
    expect(change.startsEvaluated).toBe(60);
  });

  it('finds a change that a window from the beginning dilutes', () => {
    // 200 buckets inside the band, then 20 buckets 0.15 above it.
    const buckets = simulate(5, 220, 50, (b) => (b < 200 ? 0.3 : 0.5), 0.3);
    const sums = prefixSums(buckets);
    const fromStart = detectGapChange(sums, 220, [0], OPTIONS);
    const change = detectGapChange(sums, 220, allStarts(220), OPTIONS);
    expect(fromStart.logEValue).toBeLessThan(OPTIONS.logThreshold);
    expect(change.logEValue).toBeGreaterThan(OPTIONS.logThreshold);
    expect(change.start).toBeGreaterThanOrEqual(190);
    expect(change.start).toBeLessThanOrEqual(205);
    expect(change.interval?.[0]).toBeGreaterThan(0.05);
  });

  it('skips starts with fewer than minSamples trials in either group', () => {
    const sums = prefixSums([
      { x1: 5, n1: 10, x2: 5, n2: 40 },
      { x1: 20, n1: 40, x2: 2, n2: 20 },
    ]);
    // (1, 2]: n1 = 40, n2 = 20 < 30; (0, 2]: n1 = 50, n2 = 60.
    const change = detectGapChange(sums, 2, [1, 0], OPTIONS);
    expect(change.start).toBe(0);
    expect(change.startsEvaluated).toBe(1);
    expect(detectGapChange(sums, 2, [1], OPTIONS)).toMatchObject({
      logEValue: -Infinity,
      start: null,
      startsEvaluated: 0,
      reason: 'no start with at least minSamples trials in both groups',
    });
  });

  it('ignores starts that are not integers in [0, t)', () => {
    const sums = prefixSums(simulate(9, 10, 40, () => 0.3, 0.3));
    const change = detectGapChange(sums, 5, [-1, 5, 7, 2.5, NaN, 3], OPTIONS);
    expect(change.start).toBe(3);
    expect(change.startsEvaluated).toBe(1);
  });

  it('keeps the first of tied starts', () => {
    const sums = prefixSums([
      { x1: 0, n1: 0, x2: 0, n2: 0 },
      { x1: 30, n1: 50, x2: 15, n2: 50 },
    ]);
    // (0, 2] and (1, 2] hold the same counts.
    expect(detectGapChange(sums, 2, [1, 0], OPTIONS).start).toBe(1);
    expect(detectGapChange(sums, 2, [0, 1], OPTIONS).start).toBe(0);
  });

  it('reports a bucket index outside the prefix sums instead of reading past them', () => {
    const sums = prefixSums(simulate(1, 5, 40, () => 0.3, 0.3));
    for (const t of [6, -1, 2.5, NaN]) {
      expect(detectGapChange(sums, t, [0], OPTIONS)).toMatchObject({
        logEValue: -Infinity,
        start: null,
        reason: 'bucket index outside the prefix sums',
      });
    }
    expect(detectGapChange(sums, 0, [0], OPTIONS).start).toBeNull();
  });

  it('evaluates every one of ten thousand starts', () => {
    const sums = prefixSums(simulate(2, 10_000, 30, () => 0.3, 0.31));
    const change = detectGapChange(sums, 10_000, allStarts(10_000), OPTIONS);
    expect(change.startsEvaluated).toBe(10_000);
  });
});
