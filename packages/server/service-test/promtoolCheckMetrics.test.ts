/**
 * `promtool check metrics` (Prometheus's own linter of the text exposition) on the `/metrics`
 * body of a real `fairwatch serve` after a simulated incident: ingested events, evaluations,
 * firing alerts, so every family has samples to check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderExposition } from '../src/telemetry/exposition.js';
import type { ServeProcess } from '../test/service/serveProcess.js';
import { tempDir, type TempDir } from '../test/service/serviceFixtures.js';
import { simulateCanaryRegression, startFairwatch, stopFairwatch } from './fairwatchUnderTest.js';
import { promtool } from './promtool.js';
import { requiredExecutable } from './requiredExecutable.js';

let dir: TempDir | undefined;
let serve: ServeProcess | undefined;
let exposition = '';

beforeAll(async () => {
  requiredExecutable('promtool');
  dir = await tempDir('fairwatch-promtool-');
  serve = await startFairwatch(dir, { evaluationInterval: '30s', alertmanagerUrl: null });
  const sent = await simulateCanaryRegression(serve.url);
  expect(sent.rejected).toBe(0);
  // One bad request, so the rejection families have a series too.
  const refused = await fetch(`${serve.url}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: '{"id":"x","model":"nope","version":"v1","ts":0,"score":0.5}\n',
  });
  expect(refused.status).toBe(200);
  const response = await fetch(`${serve.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  exposition = await response.text();
});

afterAll(async () => {
  await stopFairwatch(serve);
  await dir?.remove();
});

describe('promtool check metrics', () => {
  it('finds no problem in the /metrics of a service that ingested, evaluated and fired', async () => {
    // The families the check must have seen with samples, or it proves little.
    for (const sample of [
      'fairwatch_ingested_events_total{kind="predictions"}',
      'fairwatch_rejected_events_total{',
      'fairwatch_http_request_duration_seconds_bucket{',
      'fairwatch_evaluation_duration_seconds_count ',
      'fairwatch_label_lag_outcomes{',
      'fairwatch_slo_burn_rate{',
      'fairwatch_slo_disparity{',
      'fairwatch_alerts{state="firing",severity="page"} 1',
    ]) {
      expect(exposition).toContain(sample);
    }
    const result = await promtool(['check', 'metrics'], exposition);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('does report a gauge labelled le, the problem the label-lag gauge had (the check bites)', async () => {
    const bad = renderExposition([
      {
        name: 'fairwatch_label_lag_outcomes',
        help: 'Outcomes by label lag bin.',
        type: 'gauge',
        samples: [{ name: 'fairwatch_label_lag_outcomes', labels: [['le', '60']], value: 3 }],
      },
    ]);
    const result = await promtool(['check', 'metrics'], bad);
    expect(result.output).toContain('non-histogram metrics should not have "le" label');
    expect(result.code).not.toBe(0);
  });
});
