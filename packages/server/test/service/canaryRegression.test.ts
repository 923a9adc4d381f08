/**
 * The simulator's canary-regression scenario through the service in event time, with the
 * demo configuration: v2 starts as a canary at the onset and raises segment s02's FPR from
 * 0.10 to 0.20. The service must page for exactly that, after the onset, and deliver it to
 * the webhook receiver, signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, ServiceConfig } from '@fairwatch/contracts';
import { verifyWebhookSignature } from '../../src/receivers/webhookSignature.js';
import { startServer, type TestServer } from '../receivers/receiverTestKit.js';
import { runScenario, type ScenarioRun } from './scenarioRun.js';
import {
  AppClient,
  DEMO_SECRET,
  HOUR,
  MINUTE,
  NOW,
  bodyJson,
  demoConfig,
  sampleValue,
  tempDir,
  type TempDir,
} from './serviceFixtures.js';

const SIMULATION = {
  scenario: 'canary-regression',
  seed: 1,
  ratePerSecond: 6,
  startMs: NOW - 150 * MINUTE,
  durationMs: 150 * MINUTE,
  onsetAfterMs: HOUR,
} as const;

const CANARY_ALERT = {
  slo: 'loans-fpr-parity',
  model: 'loans',
  version: 'v2',
  attribute: 'segment',
  group: 'segment=s02',
  metric: 'fpr',
};

let dir: TempDir;
let hook: TestServer;
let config: ServiceConfig;
let run: ScenarioRun;
let client: AppClient;

beforeAll(async () => {
  dir = await tempDir();
  hook = await startServer(() => ({ status: 200 }));
  config = demoConfig(
    dir.file('store.db'),
    (demo) => ({
      ...demo,
      receivers: demo.receivers.map((receiver) => ({ ...receiver, url: `${hook.url}/hook` })),
    }),
    true,
  );
  run = runScenario(config, SIMULATION);
  client = new AppClient(run.service);
  // Deliveries run in the background: wait until both notifications are delivered and logged.
  await waitFor(() => run.service.store.recentDeliveries(10).length >= 2, 10_000);
}, 60_000);

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  for (let waited = 0; !done() && waited < timeoutMs; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(async () => {
  await run.service.close();
  await hook.close();
  await dir.remove();
});

/** GET /v1/alerts, checked to be the service's own alert list as JSON. */
function alertsListed(): readonly Alert[] {
  const alerts = run.service.alerts();
  expect(client.getJson('/v1/alerts')).toEqual(JSON.parse(JSON.stringify({ alerts })));
  return alerts;
}

describe('canary regression in event time', () => {
  it('pages for v2, segment s02, on the FPR SLO', () => {
    const fired = run.transitions.filter((t) => t.to === 'firing');
    expect(fired.map((t) => t.labels.severity)).toContain('page');
    for (const transition of fired) expect(transition.labels).toMatchObject(CANARY_ALERT);
  });

  it('raises no alert, not even pending, for any other version, group or SLO', () => {
    expect(run.seen.size).toBeGreaterThan(0);
    for (const transition of run.transitions) expect(transition.labels).toMatchObject(CANARY_ALERT);
  });

  it('raises nothing before the onset and pages only once v2 has the minimum samples', () => {
    const first = run.transitions[0];
    expect(first).toBeDefined();
    expect(first!.at).toBeGreaterThan(run.onset);
    for (const transition of run.transitions)
      expect(transition.groupTrials).toBeGreaterThanOrEqual(100);
    expect(run.evaluations[0]).toBeLessThan(run.onset);
  });

  it('evaluates at every 30 s boundary of event time, in order', () => {
    const steps = run.evaluations.slice(1).map((at, i) => at - run.evaluations[i]!);
    expect(new Set(steps)).toEqual(new Set([30_000]));
    expect(run.evaluations.at(-1)).toBeGreaterThan(run.end - MINUTE);
  });

  it('lists the firing page in /v1/alerts with its evidence and the canary deployment', () => {
    const page = alertsListed().find((alert) => alert.severity === 'page');
    expect(page).toMatchObject({
      state: 'firing',
      slo: 'loans-fpr-parity',
      version: 'v2',
      group: { attributes: { segment: 's02' } },
      comparedWith: { attributes: { segment: 's01' } },
      silencedBy: null,
    });
    expect(page!.group.n).toBeGreaterThanOrEqual(100);
    expect(page!.value).toBeGreaterThan(0.05);
    expect(page!.recentDeployments).toContainEqual({
      model: 'loans',
      version: 'v2',
      ts: new Date(run.onset).toISOString(),
      kind: 'canary_start',
    });
  });

  it('reports the breach in /v1/slos and the firing alert in /metrics', () => {
    const body = client.getJson('/v1/slos');
    expect(body).toMatchObject({
      slos: [
        { slo: 'loans-fpr-parity', status: 'breached' },
        { slo: 'loans-selection-parity', status: 'ok' },
      ],
    });
    const metrics = client.metrics();
    expect(sampleValue(metrics, 'fairwatch_alerts', 'state="firing",severity="page"')).toBe(1);
    expect(
      sampleValue(metrics, 'fairwatch_slo_burn_rate', 'slo="loans-fpr-parity",window="1h"'),
    ).toBeGreaterThanOrEqual(14.4);
  });
});

describe('webhook delivery end to end', () => {
  it('POSTs the s02 page to the receiver, signed so that verifyWebhookSignature accepts it', () => {
    const request = hook.requests[0];
    expect(request).toBeDefined();
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hook');
    const header = (name: string): string | undefined => {
      const value = request!.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const verified = verifyWebhookSignature(
      DEMO_SECRET,
      header('x-fairwatch-timestamp'),
      request!.raw,
      header('x-fairwatch-signature'),
      Date.now(),
    );
    expect(verified).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(
        'another-secret',
        header('x-fairwatch-timestamp'),
        request!.raw,
        header('x-fairwatch-signature'),
        Date.now(),
      ),
    ).toEqual({ ok: false, reason: 'signature_mismatch' });

    const payload = JSON.parse(request!.raw.toString('utf8')) as unknown;
    expect(payload).toMatchObject({
      version: '1',
      status: 'firing',
      receiver: 'demo-webhook',
      alerts: [
        {
          slo: 'loans-fpr-parity',
          version: 'v2',
          state: 'firing',
          group: { attributes: { segment: 's02' } },
        },
      ],
    });
  });

  it('records each delivery in /v1/deliveries, the ticket joining the page in a later one', () => {
    const body = client.getJson('/v1/deliveries');
    expect(body).toMatchObject({
      deliveries: [
        { receiver: 'demo-webhook', outcome: 'delivered', status: 200, attempt: 1 },
        { receiver: 'demo-webhook', outcome: 'delivered', status: 200, attempt: 1 },
      ],
    });
    const fingerprints = run.service.store.recentDeliveries(10).map((text) => {
      const attempt: unknown = JSON.parse(text);
      const listed =
        typeof attempt === 'object' && attempt !== null && 'fingerprints' in attempt
          ? attempt.fingerprints
          : null;
      return Array.isArray(listed) ? listed.map(String).sort() : [];
    });
    expect(fingerprints[1]).toHaveLength(1);
    expect(fingerprints[0]).toEqual([...run.seen.keys()].sort());
  });
});

describe('acknowledging the alert', () => {
  it('refuses an ack without who acknowledges, and one for an unknown alert', () => {
    const page = alertsListed().find((alert) => alert.severity === 'page')!;
    const url = `/v1/alerts/${page.fingerprint}/ack`;
    expect(client.postJson(url, {}).status).toBe(400);
    expect(client.request('POST', url, 'not json').status).toBe(400);
    const unknown = client.postJson('/v1/alerts/0123456789abcdef/ack', { by: 'ana' });
    expect(unknown.status).toBe(404);
    expect(bodyJson(unknown)).toEqual({ error: 'no active alert 0123456789abcdef' });
  });

  it('shows who acknowledged an alert', () => {
    const page = alertsListed().find((alert) => alert.severity === 'page')!;
    const response = client.postJson(`/v1/alerts/${page.fingerprint}/ack`, { by: 'ana' });
    expect(response.status).toBe(200);
    expect(bodyJson(response)).toEqual({ acknowledged: page.fingerprint, by: 'ana' });
    const after = alertsListed().find((alert) => alert.fingerprint === page.fingerprint);
    expect(after?.acknowledgedBy).toBe('ana');
  });

  it('marks a matching alert as silenced, and only while the silence lasts', () => {
    const created = client.postJson('/v1/silences', {
      matchers: { group: 'segment=s02', severity: 'page' },
      endsAt: new Date(run.end + HOUR).toISOString(),
      createdBy: 'ben',
    });
    expect(created.status).toBe(201);
    const alerts = alertsListed();
    expect(alerts.find((a) => a.severity === 'page')?.silencedBy).toBe('ben');
    expect(alerts.find((a) => a.severity === 'ticket')?.silencedBy ?? null).toBeNull();
    const [silence] = run.service.silences();
    expect(bodyJson(created)).toMatchObject({ id: silence!.id, createdBy: 'ben' });
    expect(client.request('DELETE', `/v1/silences/${silence!.id}`).status).toBe(200);
    expect(alertsListed().find((a) => a.severity === 'page')?.silencedBy).toBeNull();
  });
});

describe('after a restart on the same store', () => {
  // Runs last: it closes the service the other tests read, and expects their acknowledgement.
  it('lists the firing page at once, and keeps it firing in the same episode as events go on', async () => {
    const page = run.service.alerts().find((alert) => alert.severity === 'page')!;
    await run.service.close();
    const resumed = runScenario(config, {
      scenario: 'canary-regression',
      seed: 2,
      ratePerSecond: 6,
      startMs: run.end,
      durationMs: 0,
    });
    try {
      expect(
        resumed.service.alerts().find((a) => a.fingerprint === page.fingerprint),
      ).toMatchObject({
        state: 'firing',
        firedAt: page.firedAt,
        acknowledgedBy: 'ana',
      });
    } finally {
      await resumed.service.close();
    }
    const continued = runScenario(config, {
      scenario: 'canary-regression',
      seed: 3,
      ratePerSecond: 6,
      startMs: run.end,
      durationMs: 5 * MINUTE,
      onsetAfterMs: 0,
    });
    try {
      expect(continued.evaluations.length).toBeGreaterThanOrEqual(9);
      expect(continued.transitions.filter((t) => t.to === 'firing')).toEqual([]);
      const record = continued.service.evaluator.record(page.fingerprint);
      expect(record?.lifecycle).toMatchObject({
        state: 'firing',
        firedAt: Date.parse(page.firedAt!),
        episodes: 1,
      });
      expect(record?.acknowledgedBy).toBe('ana');
    } finally {
      await continued.service.close();
    }
  });
});
