/* global fetch */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { URL, fileURLToPath } from 'node:url';
import { nearestRank } from '../service/nearestRank.mjs';
import { postBatches } from '../service/postBatches.mjs';
import { removeStore, startServer } from '../service/serverProcess.mjs';
import { REGIONS, weekOfEvents } from './weekOfEvents.mjs';
import { measureViews, CHROMIUM } from './viewTimes.mjs';

const CONFIG = fileURLToPath(new URL('./dashboard.yaml', import.meta.url));
const WEEK_MINUTES = 7 * 24 * 60;
const API_RUNS = 20;

/**
 * The API requests each view makes when it opens, as the dashboard's code writes them (the
 * report checks them against the requests Chromium saw each view make).
 */
export function viewQueries() {
  const metrics = '/v1/models/credit/metrics';
  return {
    executive: [
      '/v1/models',
      '/v1/slos',
      '/v1/alerts',
      '/v1/incidents?limit=20',
      `${metrics}?window=24h&scores=false`,
      // The trends panel: each series carries only the metrics it shows (the SLOs' fpr for
      // region and selection_rate for sex).
      `${metrics}?window=24h&step=1h&scores=false&series_metrics=fpr%2Cselection_rate`,
    ],
    oncall: [
      '/v1/models',
      '/v1/alerts',
      '/v1/slos',
      `${metrics}?window=6h&attribute=region&step=15m&series_metrics=fpr`,
      '/v1/models/credit/deployments?window=6h',
    ],
    debug: [
      '/v1/models',
      `${metrics}?window=6h&attribute=region`,
      '/v1/models/credit/events?limit=25&group.region=r02',
      '/v1/models/credit/features?window=6h&bins=20&group.region=r02',
      '/v1/ingest',
    ],
  };
}

/**
 * The dashboard figures of issue 4: a service holding 100 cohorts x 7 days of 1-minute
 * buckets (smoke: 6 hours), then the p95 of each API query the views make and the time until
 * each view shows its data in Chromium.
 */
export async function dashboardSection({ smoke, benchDirectory, log }) {
  const minutes = smoke ? 6 * 60 : WEEK_MINUTES;
  const perMinute = smoke ? 100 : 200;
  const store = `${benchDirectory}/dashboard.db`;
  const server = await startServer(store, { config: CONFIG, extraArgs: ['--clock', 'event'] });
  try {
    const endMs = Date.now();
    log(`dashboard: loading ${minutes} minutes x ${perMinute} predictions with outcomes`);
    const loadStarted = performance.now();
    let predictions = 0;
    let batch = { predictions: [], outcomes: [] };
    const flush = async () => {
      if (batch.predictions.length === 0) return;
      await postBatches(`${server.url}/v1/predictions`, batch.predictions, 1_000);
      await postBatches(`${server.url}/v1/outcomes`, batch.outcomes, 1_000);
      batch = { predictions: [], outcomes: [] };
    };
    for (const body of weekOfEvents({ minutes, perMinute, endMs })) {
      if (body.count !== 1_000) continue; // postBatches checks whole batches; drop a ragged tail
      batch.predictions.push(body.predictions);
      batch.outcomes.push(body.outcomes);
      predictions += body.count;
      if (batch.predictions.length === 100) await flush();
    }
    await flush();
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(
      `dashboard: ${predictions} predictions loaded in ${loadSeconds.toFixed(0)} s; timing API queries`,
    );

    const queries = viewQueries();
    const api = {};
    for (const [view, paths] of Object.entries(queries)) {
      api[view] = [];
      for (const path of paths) {
        const times = [];
        for (let run = 0; run < API_RUNS; run++) {
          const started = performance.now();
          const response = await fetch(`${server.url}${path}`);
          await response.arrayBuffer();
          times.push(performance.now() - started);
          if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
        }
        times.sort((a, b) => a - b);
        api[view].push({ path, p50Ms: nearestRank(times, 0.5), p95Ms: nearestRank(times, 0.95) });
      }
    }
    let views = null;
    if (existsSync(CHROMIUM)) {
      log('dashboard: timing each view in Chromium');
      views = await measureViews(server.url, smoke ? 2 : 5);
    } else {
      log(`dashboard: ${CHROMIUM} missing (apt-get install chromium): view times not measured`);
    }
    return {
      cohorts: REGIONS + 2,
      minutes,
      predictions,
      loadSeconds,
      memory: server.memory(),
      api,
      views,
      chromium: existsSync(CHROMIUM),
    };
  } finally {
    await server.stop();
    removeStore(store);
  }
}
