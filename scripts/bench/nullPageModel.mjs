// False pages of one comparison under the null, as a model: a group against the reference s01
// (share 0.25) at 10 predictions/s, negatives 0.7, outcomes after an exponential delay (mean
// 5 min), evaluated every 30 s over a 2 h window through the service's change detector with the
// bench SLO (FPR difference, band +-0.05, min_samples 100). Two nulls: fair (both FPR 0.10) and
// the least favourable one, the gap sitting exactly on the band edge (group 0.15, reference
// 0.10), where the guarantee is tight and a more powerful statistic shows its cost. Per
// comparison-day (after a 3 h warm-up in each ten-day stream) it records the page level P: the largest log-threshold at which two
// evaluations within an hour were both bad (the 1h/5m burn rule at 14.4, objective 0.999), so a
// threshold L pages that day exactly when P >= L. Printed: how many comparison-days would page
// at e-BH's single-rejection cut for 38 and for 19 comparisons, for the SLO's planned rho and
// the former one. `node scripts/bench/nullPageModel.mjs [days]` after `npm run build`.
import console from 'node:console';
import process from 'node:process';
import { detectGapChange, mixturePrecisionFor } from '../../packages/core/dist/index.js';
import { lookbacks } from '../../packages/server/dist/evaluation/lookbacks.js';
import { plannedMixturePrecision } from '../../packages/server/dist/evaluation/mixturePlanning.js';
import { seededRandom } from '../../packages/server/dist/sample/seededRandom.js';
import { detectionConfig } from './detectionQuality.mjs';
import { labelledNegatives } from './labelledNegatives.mjs';

const DAY_S = 86_400;
const WINDOW_BUCKETS = 120;
const WARM_UP_S = 3 * 3600;
const STREAM_DAYS = 10;

/** Page levels P per day of one comparison, for each rho. */
function pageLevels(seed, { share, groupFpr, days, rhos, options }) {
  const random = seededRandom(seed);
  const durationS = days * DAY_S;
  const labels = { durationS, meanDelayS: 300 };
  const group = labelledNegatives(random, {
    negativesPerSecond: 10 * share * 0.7,
    fpr: groupFpr,
    ...labels,
  });
  const reference = labelledNegatives(random, {
    negativesPerSecond: 10 * 0.25 * 0.7,
    fpr: 0.1,
    ...labels,
  });
  const buckets = durationS / 60 + 2;
  const counts = {
    x1: new Float64Array(buckets),
    n1: new Float64Array(buckets),
    x2: new Float64Array(buckets),
    n2: new Float64Array(buckets),
  };
  const sums = {
    x1: new Float64Array(WINDOW_BUCKETS + 1),
    n1: new Float64Array(WINDOW_BUCKETS + 1),
    x2: new Float64Array(WINDOW_BUCKETS + 1),
    n2: new Float64Array(WINDOW_BUCKETS + 1),
  };
  const starts = Float64Array.from(lookbacks(WINDOW_BUCKETS), (l) => WINDOW_BUCKETS - l);
  const levels = rhos.map(() => new Array(days).fill(-Infinity));
  const recent = rhos.map(() => []);
  let nextGroup = 0;
  let nextReference = 0;
  for (let t = 30; t <= durationS; t += 30) {
    for (; nextGroup < group.length && group[nextGroup][0] <= t; nextGroup++) {
      counts.n1[group[nextGroup][1]] += 1;
      counts.x1[group[nextGroup][1]] += group[nextGroup][2];
    }
    for (; nextReference < reference.length && reference[nextReference][0] <= t; nextReference++) {
      counts.n2[reference[nextReference][1]] += 1;
      counts.x2[reference[nextReference][1]] += reference[nextReference][2];
    }
    if (t < WARM_UP_S) continue;
    const first = Math.floor(t / 60) + 1 - WINDOW_BUCKETS;
    for (const key of Object.keys(sums)) {
      for (let i = 1; i <= WINDOW_BUCKETS; i++) {
        sums[key][i] = sums[key][i - 1] + counts[key][first + i - 1];
      }
    }
    const day = Math.min(days - 1, Math.floor(t / DAY_S));
    rhos.forEach((rho, k) => {
      const m = detectGapChange(sums, WINDOW_BUCKETS, starts, { ...options, rho }).logEValue;
      const hour = recent[k];
      while (hour.length > 0 && hour[0][0] <= t - 3600) hour.shift();
      let earlier = -Infinity;
      for (const [, value] of hour) if (value > earlier) earlier = value;
      levels[k][day] = Math.max(levels[k][day], Math.min(m, earlier));
      hour.push([t, m]);
    });
  }
  return levels;
}

export function nullPageModel(days) {
  const slo = detectionConfig().slos[0];
  const alpha = slo.falseAlarmRate;
  const rhos = [
    ['planned (20 comparisons)', plannedMixturePrecision(slo)],
    [
      'former (log(1/alpha))',
      mixturePrecisionFor((25 * slo.minSamples) / 0.32, Math.log(1 / alpha)),
    ],
  ];
  const options = {
    kind: slo.kind,
    band: slo.band,
    logThreshold: Math.log(1 / alpha),
    minSamples: slo.minSamples,
  };
  const rows = [];
  for (const [nullName, groupFpr] of [
    ['fair', 0.1],
    ['gap on the band edge', 0.15],
  ]) {
    for (const share of [0.01, 0.05, 0.2]) {
      // Streams of ten days, each its own seed, keep the event arrays small.
      const levels = rhos.map(() => []);
      for (let from = 0; from < days; from += STREAM_DAYS) {
        const stream = pageLevels(1 + from + Math.round(share * 1000) * 1000 + groupFpr * 1e6, {
          share,
          groupFpr,
          days: Math.min(STREAM_DAYS, days - from),
          rhos: rhos.map(([, rho]) => rho),
          options,
        });
        stream.forEach((perDay, k) => levels[k].push(...perDay));
      }
      rhos.forEach(([rhoName], k) => {
        const sorted = [...levels[k]].sort((a, b) => b - a);
        const pagesAt = (m) => sorted.filter((p) => p >= Math.log(m / alpha)).length;
        rows.push({
          null: nullName,
          'group share': share,
          rho: rhoName,
          'comparison-days': days,
          'pages at m=38': pagesAt(38),
          'pages at m=19': pagesAt(19),
          'largest P': Number(sorted[0].toFixed(2)),
        });
      });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const days = Number(process.argv[2] ?? 100);
  console.table(nullPageModel(days));
}
