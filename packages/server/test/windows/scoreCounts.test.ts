import { CALIBRATION_BINS, SCORE_BINS_PER_UNIT } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import {
  ALL_HISTOGRAM,
  CALIBRATION_SUMS,
  LABEL_HISTOGRAM,
  POWER_SUMS,
  SCORE_BINS,
  SCORE_CALIBRATION_BINS,
  SCORE_FIELDS,
  scoreBin,
} from '../../src/windows/scoreCounts.js';
import { VersionStatistics, type TierSpec } from '../../src/windows/versionStatistics.js';
import { seededRandom as random } from '../../src/sample/seededRandom.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);

const SPECS: TierSpec[] = [
  { name: 'minute', widthMs: MINUTE, keepMs: 2 * DAY },
  { name: 'hour', widthMs: HOUR, keepMs: 30 * DAY },
  { name: 'day', widthMs: DAY, keepMs: 400 * DAY },
];

function scoresOf(statistics: VersionStatistics, tier: TierSpec['name'], cells: number): number[] {
  const total = statistics.tier(tier).sumScores(-Infinity, Infinity, cells);
  return total === null ? [] : [...total];
}

describe('the score layout', () => {
  it("nests in core's grid: whole fine bins per bin, two bins per calibration bin", () => {
    expect(Number.isInteger(SCORE_BINS_PER_UNIT / SCORE_BINS)).toBe(true);
    expect(SCORE_CALIBRATION_BINS).toBe(CALIBRATION_BINS);
    expect(SCORE_BINS).toBe(2 * CALIBRATION_BINS);
  });
});

describe('scoreBin', () => {
  it.each([
    [0, 0],
    [0.0499, 0],
    [0.05, 1],
    [0.5, 10],
    [0.9999, 19],
    [1, 19],
  ])('puts score %d in bin %d', (score, bin) => {
    expect(scoreBin(score)).toBe(bin);
  });
});

interface StreamEvent {
  readonly ts: number;
  readonly cell: number;
  readonly score: number | null;
  readonly label: 0 | 1;
  readonly labelled: boolean;
}

describe('score statistics of a version', () => {
  it('keeps no score array for buckets without a score', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.recordPrediction(T0, 0, 1, null);
    statistics.recordOutcome(T0, 0, 1, null, 1, MINUTE);
    expect(statistics.tier('minute').sumScores(-Infinity, Infinity, 1)).toBeNull();
  });

  it('counts a score in the all-predictions histogram at once and in its label histogram when the label comes', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.recordPrediction(T0 + 30 * MINUTE, 1, 1, 0.73);
    let row = scoresOf(statistics, 'hour', 2).slice(SCORE_FIELDS);
    expect(row[ALL_HISTOGRAM + 14]).toBe(1);
    expect(row.slice(LABEL_HISTOGRAM, POWER_SUMS).every((n) => n === 0)).toBe(true);

    // The label arrives two days later; it lands in the prediction's bucket.
    statistics.recordOutcome(T0 + 30 * MINUTE, 1, 1, 0.73, 1, 2 * DAY);
    const minute = statistics.tier('minute');
    expect(
      minute.scoresOf(T0 + 30 * MINUTE)?.get(SCORE_FIELDS + LABEL_HISTOGRAM + SCORE_BINS + 14),
    ).toBe(1);
    row = scoresOf(statistics, 'day', 2).slice(SCORE_FIELDS);
    expect(row[LABEL_HISTOGRAM + SCORE_BINS + 14]).toBe(1);
    expect(row.slice(POWER_SUMS + 4, POWER_SUMS + 8)).toEqual([
      0.73,
      0.73 ** 2,
      0.73 * 0.73 * 0.73,
      0.73 ** 2 * 0.73 ** 2,
    ]);
    expect(row[CALIBRATION_SUMS + 7]).toBe(0.73);
  });

  it('leaves a label to the coarser tiers once the minute bucket aged out', () => {
    const statistics = new VersionStatistics('v1', SPECS);
    statistics.recordPrediction(T0, 0, 0, 0.2);
    statistics.prune(T0 + 3 * DAY);
    statistics.recordOutcome(T0, 0, 0, 0.2, 0, 3 * DAY);
    expect(statistics.tier('minute').sumScores(-Infinity, Infinity, 1)).toBeNull();
    expect(scoresOf(statistics, 'hour', 1)[LABEL_HISTOGRAM + 4]).toBe(1);
  });

  it('sums two halves of a stream to the statistics of the whole, in every tier', () => {
    const next = random(42);
    const events = Array.from({ length: 500 }, (): StreamEvent => ({
      ts: T0 + Math.floor(next() * 3 * HOUR),
      cell: Math.floor(next() * 5),
      score: next() < 0.1 ? null : Math.round(next() * 1e6) / 1e6,
      label: next() < 0.4 ? 1 : 0,
      labelled: next() < 0.7,
    }));
    const record = (statistics: VersionStatistics, from: number, to: number): void => {
      for (const event of events.slice(from, to)) {
        const decision = (event.score ?? 0) >= 0.5 ? 1 : 0;
        statistics.recordPrediction(event.ts, event.cell, decision, event.score);
        if (event.labelled)
          statistics.recordOutcome(event.ts, event.cell, decision, event.score, event.label, 0);
      }
    };
    const whole = new VersionStatistics('v1', SPECS);
    record(whole, 0, 500);
    const first = new VersionStatistics('v1', SPECS);
    record(first, 0, 250);
    const second = new VersionStatistics('v1', SPECS);
    record(second, 250, 500);
    for (const tier of ['minute', 'hour', 'day'] as const) {
      const merged = scoresOf(first, tier, 5).map(
        (value, i) => value + scoresOf(second, tier, 5)[i]!,
      );
      const expected = scoresOf(whole, tier, 5);
      expect(merged).toHaveLength(expected.length);
      merged.forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i]!, 9);
      });
    }
    const allScored = events.filter((e) => e.score !== null).length;
    const counted = scoresOf(whole, 'day', 5).reduce(
      (sum, value, i) => sum + (i % SCORE_FIELDS < SCORE_BINS ? value : 0),
      0,
    );
    expect(counted).toBe(allScored);
  });
});
