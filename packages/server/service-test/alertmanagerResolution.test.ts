/**
 * fairwatch itself tells a real Alertmanager that an alert has resolved, while it is still
 * running: alertmanagerDelivery.test.ts covers the other way an alert ends there (fairwatch
 * stops re-sending and the alert's endsAt passes).
 *
 * Five simulated hours ending now, in event time: 2 h 30 m of the canary regression (which
 * pages for v2, segment s02), then 2 h 30 m of fair traffic on v1 alone. Once v2 has sent
 * nothing for the SLO's 2 h window its comparisons are no longer evaluated and the page
 * resolves in fairwatch, which sends the alert with endsAt at its resolution time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test/receivers/receiverTestKit.js';
import type { ServeProcess } from '../test/service/serveProcess.js';
import { tempDir, type TempDir } from '../test/service/serviceFixtures.js';
import { listAlerts } from './alertmanagerApi.js';
import {
  startAlertmanager,
  webhookDeliveries,
  type AlertmanagerUnderTest,
} from './alertmanagerUnderTest.js';
import {
  isCanaryPage,
  simulate,
  simulateCanaryRegression,
  startFairwatch,
  stopFairwatch,
} from './fairwatchUnderTest.js';
import { pollUntil } from './pollUntil.js';

const EVALUATION_INTERVAL_MS = 5_000;
const HALF_MS = 150 * 60_000;

let dir: TempDir | undefined;
let hook: TestServer | undefined;
let alertmanager: AlertmanagerUnderTest | undefined;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  dir = await tempDir('fairwatch-alertmanager-resolution-');
  hook = await startServer(() => ({ status: 200 }));
  alertmanager = await startAlertmanager(dir, hook.url);
  serve = await startFairwatch(dir, {
    evaluationInterval: `${EVALUATION_INTERVAL_MS / 1000}s`,
    alertmanagerUrl: alertmanager.url,
  });
});

afterAll(async () => {
  await stopFairwatch(serve);
  await alertmanager?.service.stop();
  await hook?.close();
  await dir?.remove();
});

interface FairwatchAlert {
  readonly state: string;
  readonly severity: string;
  readonly version: string;
  readonly fingerprint: string;
  readonly resolvedAt: string | null;
}

async function fairwatchAlerts(): Promise<FairwatchAlert[]> {
  const response = await fetch(`${serve!.url}/v1/alerts`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { alerts: FairwatchAlert[] };
  return body.alerts;
}

describe('a page fairwatch resolves itself', () => {
  it('reaches Alertmanager firing during the canary', async () => {
    const start = Date.now() - 2 * HALF_MS;
    const sent = await simulateCanaryRegression(serve!.url, start);
    expect(sent.rejected).toBe(0);
    await pollUntil(
      'Alertmanager to hold the page',
      async () => {
        const listed = await listAlerts(alertmanager!.url);
        return listed.some((alert) => isCanaryPage(alert) && alert.state === 'active')
          ? listed
          : undefined;
      },
      { timeoutMs: 30_000 },
    );
  });

  it('is resolved in Alertmanager by fairwatch, at the resolution time fairwatch reports', async () => {
    const sent = await simulate(serve!.url, {
      scenario: 'fair',
      duration: '150m',
      startMs: Date.now() - HALF_MS,
    });
    expect(sent.rejected).toBe(0);
    const resolvedPage = await pollUntil(
      'fairwatch to resolve the page',
      async () =>
        (await fairwatchAlerts()).find(
          (alert) =>
            alert.severity === 'page' && alert.version === 'v2' && alert.state === 'resolved',
        ),
      { timeoutMs: 30_000 },
    );
    expect(resolvedPage.resolvedAt).not.toBeNull();
    const delivery = await pollUntil(
      'the webhook to receive the page resolved',
      () =>
        Promise.resolve(
          webhookDeliveries(hook!).find(
            (body) =>
              body.status === 'resolved' &&
              body.alerts.some((alert) => isCanaryPage(alert) && alert.state === 'resolved'),
          ),
        ),
      { timeoutMs: 30_000 },
    );
    const page = delivery.alerts.find(isCanaryPage)!;
    expect(page.labels['fingerprint']).toBe(resolvedPage.fingerprint);
    // fairwatch's own resolution time (event time, about half an hour ago), not the expiry of
    // a firing alert that stopped being re-sent (seconds after its last send, in wall time).
    expect(Date.parse(page.endsAt)).toBe(Date.parse(resolvedPage.resolvedAt!));
    expect(Date.parse(page.endsAt)).toBeLessThan(Date.now() - 10 * 60_000);
    // fairwatch was running the whole time.
    expect(serve!.child.exitCode).toBeNull();
    expect((await listAlerts(alertmanager!.url)).filter(isCanaryPage)).toEqual([]);
  });
});
