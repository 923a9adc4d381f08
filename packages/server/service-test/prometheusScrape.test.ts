/**
 * A real Prometheus scrapes a real `fairwatch serve` every second; what Prometheus stored,
 * read back through its query API, is what the service counted and what the simulator sent.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/service/serveProcess.js';
import { tempDir, type TempDir } from '../test/service/serviceFixtures.js';
import { startChildService, waitUntilReady, type ChildService } from './childService.js';
import {
  simulateCanaryRegression,
  startFairwatch,
  stopFairwatch,
  type SimulationSent,
} from './fairwatchUnderTest.js';
import { freePort } from './freePort.js';
import { pollUntil } from './pollUntil.js';
import { queryScalar, queryVector } from './prometheusApi.js';
import { requiredExecutable } from './requiredExecutable.js';

const JOB = 'fairwatch';

let dir: TempDir | undefined;
let serve: ServeProcess | undefined;
let prometheus: ChildService | undefined;
let prometheusUrl = '';
let sent: SimulationSent;

beforeAll(async () => {
  const executable = requiredExecutable('prometheus');
  dir = await tempDir('fairwatch-prometheus-');
  serve = await startFairwatch(dir, { evaluationInterval: '30s', alertmanagerUrl: null });
  sent = await simulateCanaryRegression(serve.url);

  const target = new URL(serve.url).host;
  const config = dir.file('prometheus.yml');
  await writeFile(
    config,
    `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: ${JOB}
    static_configs:
      - targets: ['${target}']
`,
  );
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = startChildService('prometheus', executable, [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dir.file('tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  await waitUntilReady(prometheus, `${prometheusUrl}/-/ready`);
});

afterAll(async () => {
  await prometheus?.stop();
  await stopFairwatch(serve);
  await dir?.remove();
});

/** Polls an instant query until it has exactly one sample and returns its value. */
function eventually(query: string): Promise<number> {
  return pollUntil(`Prometheus to answer ${query}`, () => queryScalar(prometheusUrl, query), {
    timeoutMs: 30_000,
  });
}

describe('Prometheus scraping fairwatch serve', () => {
  it('has the fairwatch target up', async () => {
    const up = await pollUntil(
      'the fairwatch target to be up',
      async () => {
        const value = await queryScalar(prometheusUrl, `up{job="${JOB}"}`);
        if (value !== 1) throw new Error(`up is ${value}`);
        return value;
      },
      { timeoutMs: 30_000 },
    );
    expect(up).toBe(1);
  });

  it('stores fairwatch_ingested_events_total per kind equal to what the simulator sent', async () => {
    expect(sent.rejected).toBe(0);
    expect(sent.predictions).toBeGreaterThan(50_000);
    for (const [kind, count] of [
      ['predictions', sent.predictions],
      ['outcomes', sent.outcomes],
      ['deployments', sent.deployments],
    ] as const) {
      expect(await eventually(`fairwatch_ingested_events_total{job="${JOB}",kind="${kind}"}`)).toBe(
        count,
      );
    }
  });

  it('stores the SLO burn-rate gauge, paging level for the FPR SLO over 1 h', async () => {
    const burn = await eventually(
      `fairwatch_slo_burn_rate{job="${JOB}",slo="loans-fpr-parity",window="1h"}`,
    );
    expect(burn).toBeGreaterThanOrEqual(14.4);
    const windows = await queryVector(
      prometheusUrl,
      `fairwatch_slo_burn_rate{job="${JOB}",slo="loans-fpr-parity"}`,
    );
    expect(windows.map((sample) => sample.labels['window']).sort()).toEqual([
      '1h',
      '30m',
      '5m',
      '6h',
    ]);
  });

  it('reads the request-duration histogram as one: a quantile over its buckets is defined', async () => {
    // histogram_quantile needs cumulative le buckets ending in +Inf; it returns NaN otherwise.
    const median = await eventually(
      `histogram_quantile(0.5, sum by (le) (fairwatch_http_request_duration_seconds_bucket{job="${JOB}"}))`,
    );
    expect(Number.isFinite(median)).toBe(true);
    expect(median).toBeGreaterThan(0);
    const count = await eventually(
      `sum(fairwatch_http_request_duration_seconds_count{job="${JOB}"})`,
    );
    // At least the simulator's ingest requests.
    expect(count).toBeGreaterThanOrEqual(sent.requests);
  });

  it('keeps the firing page visible as fairwatch_alerts', async () => {
    expect(await eventually(`fairwatch_alerts{job="${JOB}",state="firing",severity="page"}`)).toBe(
      1,
    );
  });
});
