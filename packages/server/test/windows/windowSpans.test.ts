/**
 * A window read through windowSpans (whole hours and days from the coarser tiers, the edges
 * from the finer) counts exactly what the fine tier's buckets in it count.
 */
import { describe, expect, it } from 'vitest';
import { CELL_FIELDS } from '../../src/windows/cellCounts.js';
import { SCORE_FIELDS } from '../../src/windows/scoreCounts.js';
import { VersionStatistics, type TierSpec } from '../../src/windows/versionStatistics.js';
import { windowSpans, type TierSpan } from '../../src/windows/windowSpans.js';
import { seededRandom as random } from '../../src/sample/seededRandom.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);
const CELLS = 6;

const SPECS: TierSpec[] = [
  { name: 'minute', widthMs: MINUTE, keepMs: 8 * DAY },
  { name: 'hour', widthMs: HOUR, keepMs: 30 * DAY },
  { name: 'day', widthMs: DAY, keepMs: 400 * DAY },
];

/** Four days of predictions with scores, most of them labelled, at random times. */
function fourDays(seed: number, specs = SPECS): VersionStatistics {
  const next = random(seed);
  const statistics = new VersionStatistics('v1', specs);
  for (let i = 0; i < 6_000; i++) {
    const ts = T0 + Math.floor(next() * 4 * DAY);
    const cell = Math.floor(next() * CELLS);
    const score = next();
    const decision = score >= 0.5 ? 1 : 0;
    statistics.recordPrediction(ts, cell, decision, score);
    if (next() < 0.8) {
      const label = next() < score ? 1 : 0;
      statistics.recordOutcome(ts, cell, decision, score, label, next() * DAY);
    }
  }
  return statistics;
}

function sumSpans(spans: readonly TierSpan[]): { counts: Float64Array; scores: Float64Array } {
  const counts = new Float64Array(CELLS * CELL_FIELDS);
  const scores = new Float64Array(CELLS * SCORE_FIELDS);
  for (const span of spans) {
    span.tier.addCountsInto(span.from, span.to, counts);
    span.tier.addScoresInto(span.from, span.to, scores);
  }
  return { counts, scores };
}

function minuteOnly(
  statistics: VersionStatistics,
  from: number,
  to: number,
): { counts: Float64Array; scores: Float64Array } {
  return sumSpans([{ tier: statistics.tier('minute'), from, to }]);
}

describe('windowSpans', () => {
  it('counts exactly what the minute buckets of a window count, for random windows', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statistics = fourDays(seed);
      const next = random(seed + 1_000);
      for (let w = 0; w < 40; w++) {
        const a = T0 - HOUR + Math.floor(next() * 5 * DAY);
        const b = T0 - HOUR + Math.floor(next() * 5 * DAY);
        const [from, to] = a < b ? [a, b] : [b, a + 1];
        const spans = windowSpans(statistics.tiers, 0, from, to);
        const got = sumSpans(spans);
        const expected = minuteOnly(statistics, from, to);
        expect(got.counts).toEqual(expected.counts);
        // Score sums add the same numbers in another order: histogram counts are whole
        // numbers and exact; power sums agree to rounding.
        got.scores.forEach((value, i) => {
          const want = expected.scores[i]!;
          expect(Math.abs(value - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        });
      }
    }
  });

  it('reads a day that is not aligned as minute edges and whole hours', () => {
    const statistics = fourDays(7);
    const from = T0 + DAY + 17 * MINUTE + 5_000;
    const spans = windowSpans(statistics.tiers, 0, from, from + DAY);
    expect(spans.map((s) => [s.tier.name, (s.to - s.from) / s.tier.widthMs])).toEqual([
      ['minute', 42],
      ['hour', 23],
      ['minute', 18],
    ]);
    expect(spans[0]!.from).toBe(T0 + DAY + 18 * MINUTE);
  });

  it('reads whole days from the day tier', () => {
    const statistics = fourDays(8);
    const spans = windowSpans(statistics.tiers, 0, T0 + 23 * HOUR, T0 + 3 * DAY + HOUR);
    expect(spans.map((s) => [s.tier.name, s.from, s.to])).toEqual([
      ['hour', T0 + 23 * HOUR, T0 + DAY],
      ['day', T0 + DAY, T0 + 3 * DAY],
      ['hour', T0 + 3 * DAY, T0 + 3 * DAY + HOUR],
    ]);
  });

  it('keeps to the fine tier where the coarser tier has pruned the span', () => {
    // An hour tier kept for less time than the minute tier (an odd retention, but allowed).
    const specs: TierSpec[] = [
      { name: 'minute', widthMs: MINUTE, keepMs: 8 * DAY },
      { name: 'hour', widthMs: HOUR, keepMs: 2 * DAY },
      { name: 'day', widthMs: DAY, keepMs: 400 * DAY },
    ];
    const statistics = fourDays(9, specs);
    statistics.prune(T0 + 4 * DAY);
    const from = T0 + HOUR;
    const to = T0 + 3 * DAY;
    const spans = windowSpans(statistics.tiers, 0, from, to);
    expect(spans.map((s) => [s.tier.name, s.from, s.to])).toEqual([['minute', from, to]]);
    expect(sumSpans(spans).counts).toEqual(minuteOnly(statistics, from, to).counts);
  });

  it('is empty when no bucket starts in the window', () => {
    const statistics = fourDays(10);
    expect(windowSpans(statistics.tiers, 0, T0 + 10, T0 + 20)).toEqual([]);
  });
});
