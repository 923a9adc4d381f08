import { Buffer } from 'node:buffer';
import { mulberry32 } from '../syntheticRows.mjs';

export const REGIONS = 98;
const BATCH = 1_000;
const SEED = 0xda5b_0a2d;
const MINUTE_MS = 60_000;

/**
 * NDJSON bodies of a week (or `minutes`) of predictions of the bench's `credit` model, evenly
 * spread so every minute bucket holds `perMinute` of them across 98 regions x 2 sexes, with
 * scores, two features, and each outcome in the outcome body of the same batch. The last
 * prediction lies at `endMs`. Region r01 holds a larger share, as a reference group would.
 */
export function* weekOfEvents({ minutes, perMinute, endMs }) {
  const total = minutes * perMinute;
  const startMs = endMs - minutes * MINUTE_MS;
  for (let first = 0; first < total; first += BATCH) {
    const random = mulberry32(SEED + first / BATCH);
    const predictions = [];
    const outcomes = [];
    for (let i = first; i < Math.min(total, first + BATCH); i++) {
      const ts = startMs + Math.floor((i * MINUTE_MS) / perMinute);
      const region = random() < 0.1 ? 1 : 1 + Math.floor(random() * REGIONS);
      const sex = random() < 0.5 ? 'F' : 'M';
      const label = random() < 0.3 ? 1 : 0;
      const score = Math.min(1, Math.max(0, (label ? 0.62 : 0.38) + (random() - 0.5) * 0.5));
      const income = Math.round(20_000 + random() * 80_000);
      const id = `d${String(i).padStart(10, '0')}`;
      predictions.push(
        `{"id":"${id}","model":"credit","version":"v1","ts":${ts},"score":${score.toFixed(4)},"groups":{"region":"r${String(region).padStart(2, '0')}","sex":"${sex}"},"features":{"income":${income},"channel":"${random() < 0.7 ? 'web' : 'branch'}"}}`,
      );
      outcomes.push(`{"id":"${id}","ts":${ts + 60_000},"label":${label}}`);
    }
    yield {
      predictions: Buffer.from(predictions.join('\n')),
      outcomes: Buffer.from(outcomes.join('\n')),
      count: predictions.length,
    };
  }
}
