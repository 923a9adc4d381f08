import { performance } from 'node:perf_hooks';
import { validateConfig } from '../../../packages/contracts/dist/index.js';
import { MonitorService } from '../../../packages/server/dist/service/monitorService.js';
import { simulatedEvents } from '../../../packages/server/dist/simulate/index.js';
import { medianAndRange } from '../medianAndRange.mjs';
import { nearestRank } from './nearestRank.mjs';

export const SLO_COUNT = 50;
const METRICS = ['fpr', 'tpr', 'selection_rate', 'ppv'];
const KINDS = ['difference', 'ratio'];
const WINDOWS = ['1h', '2h'];
/** SLOs that compare every pair of groups (O(groups^2)); one per metric, the rest compare with s01. */
const BETWEEN_GROUPS = new Set([5, 18, 31, 44]);
/** Simulated traffic fed before timing: predictions per second of event time. */
const RATE_PER_SECOND = 10;
const FEED_BATCH = 1_000;

/**
 * One evaluation cycle of SLO_COUNT SLOs over the `segment` attribute (20 cohorts) of the
 * `loans` model: a MonitorService in this process (event clock, no timers, store `:memory:`) is
 * fed `hours` of the simulator's fair traffic, predictions and outcomes through
 * `service.ingest` in batches of up to FEED_BATCH (the event clock evaluates every 30 s of
 * event time meanwhile, so SLI histories are as a running service has them), then
 * `service.evaluate(now)` at the newest event time is timed `runs` times after one untimed run.
 */
export async function measureEvaluationCycle({ hours, runs }) {
  const config = benchConfig();
  const service = new MonitorService(config, { clock: 'event', timers: false });
  try {
    service.start();
    const fed = feed(service, hours);
    const now = service.clock.now();
    service.evaluate(now);
    const millis = [];
    for (let run = 0; run < runs; run++) {
      const began = performance.now();
      service.evaluate(now);
      millis.push(performance.now() - began);
    }
    const comparisons = { reference: 0, betweenGroups: 0 };
    for (const status of service.evaluator.sloStatuses(now)) {
      const slo = config.slos.find((s) => s.name === status.slo);
      comparisons[slo.compare === 'reference' ? 'reference' : 'betweenGroups'] +=
        status.comparisons.length;
    }
    const sorted = [...millis].sort((a, b) => a - b);
    return {
      slos: config.slos.length,
      betweenGroupsSlos: BETWEEN_GROUPS.size,
      cohorts: segmentCount(service.statistics.model('loans').cells),
      comparisons,
      hours,
      ratePerSecond: RATE_PER_SECOND,
      fed,
      runs,
      millis,
      medianMs: medianAndRange(millis).median,
      p99Ms: nearestRank(sorted, 0.99),
    };
  } finally {
    await service.close();
  }
}

function segmentCount(cells) {
  const at = cells.attributes.indexOf('segment');
  return new Set(cells.cellValues().map((values) => values[at])).size;
}

function benchConfig() {
  const slos = Array.from({ length: SLO_COUNT }, (_, i) => ({
    name: `slo-${String(i).padStart(2, '0')}`,
    model: 'loans',
    attribute: 'segment',
    metric: METRICS[i % METRICS.length],
    kind: KINDS[Math.floor(i / METRICS.length) % KINDS.length],
    compare: BETWEEN_GROUPS.has(i) ? 'between_groups' : 'reference',
    window: WINDOWS[Math.floor(i / (METRICS.length * KINDS.length)) % WINDOWS.length],
  }));
  const validation = validateConfig({
    server: { store: ':memory:', evaluation_interval: '30s' },
    models: [
      {
        name: 'loans',
        threshold: 0.5,
        attributes: ['segment', 'sex'],
        intersections: [['segment', 'sex']],
        references: { segment: 's01' },
        min_samples: 30,
      },
    ],
    slos,
  });
  if (!validation.ok) {
    throw new Error(`bench config: ${validation.issues.map((i) => i.message).join('; ')}`);
  }
  return validation.config;
}

/**
 * Feeds the simulated stream in time order; predictions are sent before the outcomes buffered
 * with them, so every outcome finds its prediction. Every item must be taken.
 */
function feed(service, hours) {
  const durationMs = hours * 3_600_000;
  // Ends an hour before now: the service's wall clock refuses predictions from the future.
  const startMs = Math.floor((Date.now() - durationMs - 3_600_000) / 60_000) * 60_000;
  const pending = { predictions: [], outcomes: [], deployments: [] };
  const counts = { predictions: 0, outcomes: 0, deployments: 0 };
  const flush = () => {
    for (const kind of ['deployments', 'predictions', 'outcomes']) {
      const items = pending[kind];
      if (items.length === 0) continue;
      const result = service.ingest(kind, items);
      if (result.accepted !== items.length || result.duplicates + result.held > 0) {
        throw new Error(`${kind} not all taken: ${JSON.stringify(result).slice(0, 500)}`);
      }
      counts[kind] += items.length;
      pending[kind] = [];
    }
  };
  const started = performance.now();
  const options = {
    scenario: 'fair',
    seed: 1,
    ratePerSecond: RATE_PER_SECOND,
    startMs,
    durationMs,
  };
  for (const event of simulatedEvents(options)) {
    pending[`${event.kind}s`].push({ value: event.body });
    if (pending.predictions.length + pending.outcomes.length >= FEED_BATCH) flush();
  }
  flush();
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}
