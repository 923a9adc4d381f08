// A model of the canary's detection delay, to read it as a distribution rather than from five
// seeds: the affected comparison alone (v2 s02 against v2 s01), many replications, through the
// service's own change detector (detectGapChange over the lookback grid, the SLO's planned rho),
// without the service around it. What it keeps from the simulator and the bench's SLO:
// - labelled negatives of each group arrive as Poisson streams: 10 predictions/s x canary share
//   0.5 x segment share (s02 0.20, s01 0.25) x negatives 0.7; FPR 0.20 in s02, 0.10 in s01;
// - each outcome arrives after an exponential delay, mean 5 min, and updates the minute bucket
//   of its prediction; the service evaluates every 30 s over a 2 h window, starts with at
//   least 100 trials in both groups;
// - a comparison is bad when log E >= log(m / (alpha w)) (e-BH's cut for a single rejection
//   among m, weight w), and the page fires at the second bad evaluation within an hour (1h/5m
//   burn 14.4 at objective 0.999: 2 of 120 evaluations, 1 of 10);
// - the delay is counted in affected predictions (all of v2 s02's, labelled or not) from onset.
// What it leaves out: the other comparisons (they only enter through m), the service's ingest.
// `node scripts/bench/canaryDelayModel.mjs [replications]` after `npm run build`.
import console from 'node:console';
import process from 'node:process';
import { detectGapChange, mixturePrecisionFor } from '../../packages/core/dist/index.js';
import { lookbacks } from '../../packages/server/dist/evaluation/lookbacks.js';
import {
  plannedIntrinsicTime,
  plannedMixturePrecision,
} from '../../packages/server/dist/evaluation/mixturePlanning.js';
import { seededRandom } from '../../packages/server/dist/sample/seededRandom.js';
import { detectionConfig } from './detectionQuality.mjs';
import { labelledNegatives } from './labelledNegatives.mjs';

const MINUTE_S = 60;
const EVALUATION_S = 30;
const WINDOW_BUCKETS = 120;
const HORIZON_S = 4 * 3600;
const NEGATIVES = 0.7;
/** Comparisons in the bench's family while v1 and v2 both run: 19 groups x 2 versions. */
const COMPARISONS = 38;

/** Affected predictions (labelled or not) up to the page of one replication; null: none. */
function replicate(seed, model) {
  const random = seededRandom(seed);
  const predictionsPerSecond = 10 * 0.5 * 0.2;
  const group = labelledNegatives(random, {
    negativesPerSecond: predictionsPerSecond * NEGATIVES,
    fpr: 0.2,
    durationS: HORIZON_S,
    meanDelayS: model.delayS,
  });
  const reference = labelledNegatives(random, {
    negativesPerSecond: 10 * 0.5 * 0.25 * NEGATIVES * model.referenceScale,
    fpr: 0.1,
    durationS: HORIZON_S,
    meanDelayS: model.delayS,
  });
  const buckets = HORIZON_S / MINUTE_S + 2;
  const counts = { x1: [], n1: [], x2: [], n2: [] };
  for (const key of Object.keys(counts)) counts[key] = new Float64Array(buckets);
  const sums = {
    x1: new Float64Array(WINDOW_BUCKETS + 1),
    n1: new Float64Array(WINDOW_BUCKETS + 1),
    x2: new Float64Array(WINDOW_BUCKETS + 1),
    n2: new Float64Array(WINDOW_BUCKETS + 1),
  };
  const starts = Float64Array.from(lookbacks(WINDOW_BUCKETS), (l) => WINDOW_BUCKETS - l);
  let nextGroup = 0;
  let nextReference = 0;
  const bad = [];
  for (let t = EVALUATION_S; t <= HORIZON_S; t += EVALUATION_S) {
    for (; nextGroup < group.length && group[nextGroup][0] <= t; nextGroup++) {
      const [, bucket, fp] = group[nextGroup];
      counts.n1[bucket] += 1;
      counts.x1[bucket] += fp;
    }
    for (; nextReference < reference.length && reference[nextReference][0] <= t; nextReference++) {
      const [, bucket, fp] = reference[nextReference];
      counts.n2[bucket] += 1;
      counts.x2[bucket] += fp;
    }
    // The window's buckets end with the open one; v2 has no bucket before onset (time 0).
    const first = Math.floor(t / MINUTE_S) + 1 - WINDOW_BUCKETS;
    for (const key of Object.keys(sums)) {
      for (let i = 1; i <= WINDOW_BUCKETS; i++) {
        const bucket = first + i - 1;
        sums[key][i] = sums[key][i - 1] + (bucket >= 0 ? counts[key][bucket] : 0);
      }
    }
    const change = detectGapChange(sums, WINDOW_BUCKETS, starts, model.options);
    if (change.logEValue >= model.logThreshold) bad.push(t);
    const lastHour = bad.filter((b) => b > t - 3600).length;
    const lastFive = bad.filter((b) => b > t - 300).length;
    // Onset at 0; predictions are Poisson at 1/s, so the count by t is drawn once here.
    if (lastHour >= 2 && lastFive >= 1) return poisson(random, predictionsPerSecond * t);
  }
  return null;
}

function poisson(random, mean) {
  // Normal approximation with continuity: the means here are in the hundreds or more.
  const u = Math.max(1e-12, random());
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

function quantile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function canaryDelayModel(replications) {
  const slo = detectionConfig().slos[0];
  const alpha = slo.falseAlarmRate;
  const plannedRho = plannedMixturePrecision(slo);
  // The planning before this change: V* on the difference scale at p = 0.2, L = log(1 / alpha).
  const formerRho = mixturePrecisionFor((25 * slo.minSamples) / (2 * 0.16), Math.log(1 / alpha));
  const rhoPlannedFor = (comparisons) =>
    mixturePrecisionFor(
      plannedIntrinsicTime(slo.kind, slo.metric, 25 * slo.minSamples),
      Math.log(comparisons / alpha),
    );
  const base = { rho: plannedRho, m: COMPARISONS, weight: 1, delayS: 300, referenceScale: 1 };
  const models = [
    ['as configured (rho planned for 20 comparisons)', base],
    ['former rho (planned for log(1/alpha))', { ...base, rho: formerRho }],
    ['rho planned for 5 comparisons', { ...base, rho: rhoPlannedFor(5) }],
    ['rho planned for 38 comparisons', { ...base, rho: rhoPlannedFor(38) }],
    ['rho planned for 100 comparisons', { ...base, rho: rhoPlannedFor(100) }],
    ['weight 2 in e-BH (threshold m / 2 alpha)', { ...base, weight: 2 }],
    ['weight 5 in e-BH (threshold m / 5 alpha)', { ...base, weight: 5 }],
    ['no multiplicity (m = 1)', { ...base, m: 1 }],
    ['outcomes without delay', { ...base, delayS: 0 }],
    ['reference rate nearly known (reference 20x larger)', { ...base, referenceScale: 20 }],
  ];
  return models.map(([name, m]) => {
    const model = {
      delayS: m.delayS,
      referenceScale: m.referenceScale,
      logThreshold: Math.log(m.m / (alpha * m.weight)),
      options: {
        kind: slo.kind,
        band: slo.band,
        rho: m.rho,
        logThreshold: Math.log(1 / alpha),
        minSamples: slo.minSamples,
      },
    };
    const delays = [];
    for (let seed = 1; seed <= replications; seed++) delays.push(replicate(seed, model));
    const paged = delays.filter((d) => d !== null).sort((a, b) => a - b);
    const within = paged.filter((d) => d <= 2500).length;
    return {
      model: name,
      rho: Number(m.rho.toFixed(1)),
      logThreshold: Number(model.logThreshold.toFixed(2)),
      median: quantile(paged, 0.5),
      q25: quantile(paged, 0.25),
      q75: quantile(paged, 0.75),
      q90: quantile(paged, 0.9),
      'paged <= 2,500': `${((100 * within) / replications).toFixed(1)}%`,
      'no page in 4 h': replications - paged.length,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const replications = Number(process.argv[2] ?? 1000);
  console.log(`canary delay model, ${replications} replications each (same seeds per row)`);
  console.table(canaryDelayModel(replications));
}
