/**
 * fairwatch pushes alerts to a real Alertmanager, which routes them to its own webhook
 * receiver: a tiny HTTP server in the test. `fairwatch serve` (event time) is fed the
 * simulator's canary-regression scenario, which pages for v2, segment s02, on FPR parity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test/receivers/receiverTestKit.js';
import type { ServeProcess } from '../test/service/serveProcess.js';
import { tempDir, type TempDir } from '../test/service/serviceFixtures.js';
import { listAlerts, type WebhookDelivery } from './alertmanagerApi.js';
import {
  startAlertmanager,
  webhookDeliveries,
  type AlertmanagerUnderTest,
} from './alertmanagerUnderTest.js';
import {
  isCanaryPage,
  PUBLIC_URL,
  RUNBOOK_URL,
  simulateCanaryRegression,
  startFairwatch,
  stopFairwatch,
} from './fairwatchUnderTest.js';
import { pollUntil } from './pollUntil.js';

/**
 * Short, so a firing alert's endsAt (four evaluation intervals after each send) passes soon
 * after fairwatch stops sending, and the resolution can be watched.
 */
const EVALUATION_INTERVAL_MS = 5_000;

let dir: TempDir | undefined;
let hook: TestServer | undefined;
let alertmanager: AlertmanagerUnderTest | undefined;
let alertmanagerUrl = '';
let serve: ServeProcess | undefined;
let simulationStart = 0;
let simulationEnd = 0;

beforeAll(async () => {
  dir = await tempDir('fairwatch-alertmanager-');
  hook = await startServer(() => ({ status: 200 }));
  alertmanager = await startAlertmanager(dir, hook.url);
  alertmanagerUrl = alertmanager.url;
  serve = await startFairwatch(dir, {
    evaluationInterval: `${EVALUATION_INTERVAL_MS / 1000}s`,
    alertmanagerUrl,
  });
  simulationStart = Date.now();
  const sent = await simulateCanaryRegression(serve.url);
  simulationEnd = Date.now();
  expect(sent.rejected).toBe(0);
});

afterAll(async () => {
  await stopFairwatch(serve);
  await alertmanager?.service.stop();
  await hook?.close();
  await dir?.remove();
});

function deliveries(): WebhookDelivery[] {
  return hook === undefined ? [] : webhookDeliveries(hook);
}

describe('alerts pushed to a real Alertmanager', () => {
  it("lists the page in GET /api/v2/alerts with fairwatch's labels and annotations", async () => {
    const alerts = await pollUntil(
      'Alertmanager to hold the page',
      async () => {
        const listed = await listAlerts(alertmanagerUrl);
        if (!listed.some(isCanaryPage)) throw new Error(`no page among ${JSON.stringify(listed)}`);
        return listed;
      },
      { timeoutMs: 30_000 },
    );
    const page = alerts.find(isCanaryPage)!;
    expect(page.state).toBe('active');
    expect(page.labels['fingerprint']).toMatch(/^[0-9a-f]+$/);
    expect(page.annotations['runbook_url']).toBe(RUNBOOK_URL);
    expect(page.annotations['dashboard_url']?.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    expect(page.annotations['summary']).toMatch(/\S/);
    expect(page.annotations['description']).toContain(
      'difference in fpr between segment=s02 and segment=s01',
    );
    // It fired in event time, within the simulated 2 h 30 m that ended at the run.
    const firedAt = Date.parse(page.startsAt);
    expect(firedAt).toBeGreaterThan(simulationStart - 150 * 60_000);
    expect(firedAt).toBeLessThanOrEqual(simulationEnd);
    // A firing alert is sent valid for four evaluation intervals (wall time) from its last send.
    expect(Date.parse(page.endsAt)).toBeLessThanOrEqual(Date.now() + 4 * EVALUATION_INTERVAL_MS);
  });

  it('sends nothing for v1, another group or another metric', async () => {
    const alerts = await listAlerts(alertmanagerUrl);
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(alert.labels).toMatchObject({
        alertname: 'loans-fpr-parity',
        version: 'v2',
        group: 'segment=s02',
        metric: 'fpr',
      });
    }
  });

  it("delivers the page through Alertmanager's webhook receiver, firing", async () => {
    const firing = await pollUntil(
      'the webhook to receive the page',
      () => {
        const found = deliveries().find(
          (delivery) => delivery.status === 'firing' && delivery.alerts.some(isCanaryPage),
        );
        return Promise.resolve(found);
      },
      { timeoutMs: 30_000 },
    );
    expect(firing.receiver).toBe('test-hook');
    const page = firing.alerts.find(isCanaryPage)!;
    expect(page.state).toBe('firing');
    expect(page.annotations['runbook_url']).toBe(RUNBOOK_URL);
  });

  it('resolves the page once fairwatch stops re-sending it and its endsAt passes', async () => {
    await stopFairwatch(serve);
    const stoppedAt = Date.now();
    const resolved = await pollUntil(
      'the webhook to receive the page resolved',
      () => {
        const found = deliveries().find(
          (delivery) =>
            delivery.status === 'resolved' &&
            delivery.alerts.some((alert) => isCanaryPage(alert) && alert.state === 'resolved'),
        );
        return Promise.resolve(found);
      },
      { timeoutMs: 4 * EVALUATION_INTERVAL_MS + 30_000 },
    );
    const page = resolved.alerts.find(isCanaryPage)!;
    expect(Date.parse(page.endsAt)).toBeLessThanOrEqual(stoppedAt + 4 * EVALUATION_INTERVAL_MS);
    expect((await listAlerts(alertmanagerUrl)).filter(isCanaryPage)).toEqual([]);
  });
});
