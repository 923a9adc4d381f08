import { describe, expect, it } from 'vitest';
import { BucketTier } from '../../src/windows/bucketTier.js';
import {
  CELL_FIELDS,
  FN,
  FP,
  LAG_BINS_START,
  PENDING,
  PREDICTED_POSITIVE,
  PREDICTIONS,
  TN,
  TP,
  lagBin,
} from '../../src/windows/cellCounts.js';
import { VersionStatistics, type TierSpec } from '../../src/windows/versionStatistics.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);

const SPECS: TierSpec[] = [
  { name: 'minute', widthMs: MINUTE, keepMs: 2 * DAY },
  { name: 'hour', widthMs: HOUR, keepMs: 30 * DAY },
  { name: 'day', widthMs: DAY, keepMs: 400 * DAY },
];

function field(tier: BucketTier, cell: number, at: number): number {
  return tier.sum(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, cell + 1)[
    cell * CELL_FIELDS + at
  ]!;
}

describe('VersionStatistics', () => {
  it('adds a prediction to its bucket in every tier and keeps it pending', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.recordPrediction(T0 + 90 * MINUTE + 5_000, 2, 1, null);
    for (const tier of statistics.tiers) {
      expect(field(tier, 2, PREDICTIONS)).toBe(1);
      expect(field(tier, 2, PREDICTED_POSITIVE)).toBe(1);
      expect(field(tier, 2, PENDING)).toBe(1);
    }
    expect(
      statistics
        .tier('minute')
        .between(T0, T0 + DAY)
        .map((b) => b.start),
    ).toEqual([T0 + 90 * MINUTE]);
    expect(
      statistics
        .tier('hour')
        .between(T0, T0 + DAY)
        .map((b) => b.start),
    ).toEqual([T0 + HOUR]);
  });

  it('moves a labelled prediction from pending into its confusion field and lag bin', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    const cases: [0 | 1, 0 | 1, number][] = [
      [0, 0, TN],
      [0, 1, FP],
      [1, 0, FN],
      [1, 1, TP],
    ];
    cases.forEach(([label, decision], cell) => {
      statistics.recordPrediction(T0, cell, decision, null);
      statistics.recordOutcome(T0, cell, decision, null, label, 10 * MINUTE);
    });
    const minute = statistics.tier('minute');
    cases.forEach(([, , confusion], cell) => {
      expect(field(minute, cell, PENDING)).toBe(0);
      for (const other of [TN, FP, FN, TP]) {
        expect(field(minute, cell, other)).toBe(other === confusion ? 1 : 0);
      }
      expect(field(minute, cell, LAG_BINS_START + lagBin(10 * MINUTE))).toBe(1);
    });
  });

  it('leaves a label for a pruned minute bucket to the coarser tiers instead of recreating it', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.recordPrediction(T0, 0, 0, null);
    statistics.prune(T0 + 3 * DAY);
    statistics.recordOutcome(T0, 0, 0, null, 0, 3 * DAY);
    expect(statistics.tier('minute').size).toBe(0);
    expect(field(statistics.tier('hour'), 0, PENDING)).toBe(0);
    expect(field(statistics.tier('hour'), 0, TN)).toBe(1);
  });

  it('keeps a prediction older than the minute retention out of the pruned minute tier', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.prune(T0 + 3 * DAY);
    statistics.recordPrediction(T0, 0, 1, null);
    expect(statistics.tier('minute').size).toBe(0);
    expect(field(statistics.tier('day'), 0, PREDICTIONS)).toBe(1);
  });
});

describe('BucketTier', () => {
  it('sums the buckets that start within [from, to)', () => {
    const tier = new BucketTier('minute', MINUTE);
    tier.add(T0, 0, PREDICTIONS, 1);
    tier.add(T0 + MINUTE, 0, PREDICTIONS, 2);
    tier.add(T0 + 2 * MINUTE + 59_999, 0, PREDICTIONS, 4);
    expect(tier.sum(T0, T0 + 3 * MINUTE, 1)[PREDICTIONS]).toBe(7);
    expect(tier.sum(T0 + MINUTE, T0 + 2 * MINUTE, 1)[PREDICTIONS]).toBe(2);
    expect(tier.sum(T0 + 1, T0 + 3 * MINUTE, 1)[PREDICTIONS]).toBe(6);
  });

  it('grows a bucket for a cell beyond its length and keeps what it held', () => {
    const tier = new BucketTier('minute', MINUTE);
    tier.add(T0, 0, TP, 3);
    tier.add(T0, 40, TP, 5);
    const sum = tier.sum(T0, T0 + MINUTE, 41);
    expect(sum[TP]).toBe(3);
    expect(sum[40 * CELL_FIELDS + TP]).toBe(5);
  });

  it('reports each changed bucket once for checkpointing', () => {
    const tier = new BucketTier('minute', MINUTE);
    tier.add(T0, 0, PREDICTIONS, 1);
    tier.add(T0 + 10, 0, PREDICTIONS, 1);
    tier.add(T0 + MINUTE, 0, PREDICTIONS, 1);
    expect(tier.takeDirty().sort()).toEqual([T0, T0 + MINUTE]);
    expect(tier.takeDirty()).toEqual([]);
  });
});
