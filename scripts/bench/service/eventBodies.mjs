import { Buffer } from 'node:buffer';
import {
  DECISION_THRESHOLD,
  FAIR_RATES,
  PREVALENCE,
  SEGMENT_SHARES,
  SEX_SHARES,
  drawScore,
} from '../../../packages/server/dist/simulate/index.js';
import { mulberry32 } from '../syntheticRows.mjs';

/** Predictions (and outcomes) per request body. */
export const BATCH_SIZE = 1_000;
/** Event times lie in the hour that ends this long before the run starts: all in the past. */
const WINDOW_END_BEFORE_START_MS = 3_600_000;
const WINDOW_MS = 3_600_000;
/** Label delays are exponential with this mean, cut off so no outcome lies in the future. */
const MEAN_LABEL_DELAY_MS = 5 * 60_000;
const MAX_LABEL_DELAY_MS = 55 * 60_000;
const SEED = 0xfa1_2025;

const SEGMENT_CUMULATIVE = cumulative(SEGMENT_SHARES);
const SEX_CUMULATIVE = cumulative(SEX_SHARES);

/**
 * The request bodies for predictions [first, first + count) of a run, as NDJSON Buffers of
 * BATCH_SIZE lines, built before any is sent so that sending costs the client nothing but the
 * write. Prediction i (of the simulator's fair `loans` model: 20 segments x 2 sexes, TPR 0.80,
 * FPR 0.10) has id `p` + i zero-padded to 10 digits: ids ascend, the easy case for the store's
 * unique index (random UUIDs would cost more). Its outcome is in the batch of the same index in
 * `outcomes`.
 *
 * Times repeat every `cycle` predictions: prediction i is at (i mod cycle) / cycle of the way
 * through a fixed hour before `runStartMs`, so after the first `cycle` predictions every
 * statistics bucket the run will touch exists and the rest only add counts to them.
 * Deterministic: batch b is drawn from mulberry32 seeded with SEED + b, whatever the range.
 */
export function eventBodies({ first, count, cycle, runStartMs }) {
  if (first % BATCH_SIZE !== 0 || count % BATCH_SIZE !== 0) {
    throw new Error(`first and count must be multiples of ${BATCH_SIZE}`);
  }
  const windowStart = runStartMs - WINDOW_END_BEFORE_START_MS - WINDOW_MS;
  const predictions = [];
  const outcomes = [];
  const predictionLines = new Array(BATCH_SIZE);
  const outcomeLines = new Array(BATCH_SIZE);
  for (let batch = first / BATCH_SIZE; batch < (first + count) / BATCH_SIZE; batch++) {
    const random = mulberry32(SEED + batch);
    for (let k = 0; k < BATCH_SIZE; k++) {
      const i = batch * BATCH_SIZE + k;
      const id = `p${String(i).padStart(10, '0')}`;
      const ts = windowStart + Math.floor(((i % cycle) * WINDOW_MS) / cycle);
      const segment = SEGMENT_SHARES[pick(SEGMENT_CUMULATIVE, random())].group;
      const sex = SEX_SHARES[pick(SEX_CUMULATIVE, random())].group;
      const label = random() < PREVALENCE ? 1 : 0;
      const score = drawScore(label, FAIR_RATES, random());
      const prediction = score >= DECISION_THRESHOLD ? 1 : 0;
      const delay = Math.min(MAX_LABEL_DELAY_MS, -MEAN_LABEL_DELAY_MS * Math.log1p(-random()));
      predictionLines[k] =
        `{"id":"${id}","model":"loans","version":"v1","ts":${ts},"score":${score},"prediction":${prediction},"groups":{"segment":"${segment}","sex":"${sex}"}}`;
      outcomeLines[k] = `{"id":"${id}","ts":${ts + Math.floor(delay)},"label":${label}}`;
    }
    predictions.push(Buffer.from(`${predictionLines.join('\n')}\n`));
    outcomes.push(Buffer.from(`${outcomeLines.join('\n')}\n`));
  }
  return { predictions, outcomes };
}

function cumulative(shares) {
  let total = 0;
  return shares.map(({ share }) => (total += share));
}

function pick(cumulativeShares, u) {
  for (let i = 0; i < cumulativeShares.length - 1; i++) {
    if (u < cumulativeShares[i]) return i;
  }
  return cumulativeShares.length - 1;
}
