import { describe, expect, it } from 'vitest';
import { groupSeries } from '../../src/evaluation/groupSeries.js';
import { METRIC_FIELDS } from '../../src/evaluation/metricCounts.js';
import { CELL_FIELDS } from '../../src/windows/cellCounts.js';
import { VersionStatistics, type TierSpec } from '../../src/windows/versionStatistics.js';
import { seededRandom as random } from '../../src/sample/seededRandom.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const SPECS: TierSpec[] = [{ name: 'minute', widthMs: MINUTE, keepMs: 2 * 86_400_000 }];

describe('groupSeries', () => {
  it("gives each group's prefix sums of its cells' metric counts, bucket by bucket", () => {
    const next = random(3);
    const statistics = new VersionStatistics('v1', SPECS);
    for (let i = 0; i < 3_000; i++) {
      const ts = T0 + Math.floor(next() * 90 * MINUTE);
      const cell = Math.floor(next() * 9);
      const decision = next() < 0.4 ? 1 : 0;
      statistics.recordPrediction(ts, cell, decision, null);
      if (next() < 0.7) statistics.recordOutcome(ts, cell, decision, null, next() < 0.3 ? 1 : 0, 1);
      // Packed buckets are read as well as tables.
      if (i % 500 === 0) statistics.tier('minute').takeDirty();
    }
    const tier = statistics.tier('minute');
    const groups = [[0, 3, 6], [1, 4, 7], [2, 5], [8]];
    const end = T0 + 100 * MINUTE;
    const buckets = 60;
    for (const fields of Object.values(METRIC_FIELDS)) {
      const series = groupSeries(tier, end, buckets, groups, fields);
      groups.forEach((cells, g) => {
        let numerator = 0;
        let denominator = 0;
        for (let i = 1; i <= buckets; i++) {
          const start = end - (buckets - i + 1) * MINUTE;
          const sum = tier.sum(start, start + MINUTE, 9);
          for (const cell of cells) {
            for (const f of fields.numerator) numerator += sum[cell * CELL_FIELDS + f]!;
            for (const f of fields.denominator) denominator += sum[cell * CELL_FIELDS + f]!;
          }
          expect(series[g]!.numerator[i]).toBe(numerator);
          expect(series[g]!.denominator[i]).toBe(denominator);
        }
        expect(denominator).toBeGreaterThan(0);
      });
    }
  });
});
