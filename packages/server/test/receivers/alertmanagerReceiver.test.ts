import { afterEach, describe, expect, it } from 'vitest';
import {
  createAlertmanagerReceiver,
  describeAlert,
  formatGroup,
  toAlertmanagerAlerts,
} from '../../src/receivers/alertmanagerReceiver.js';
import { InMemoryDeliveryLog } from '../../src/receivers/deliveryLog.js';
import { DEFAULT_RETRY_POLICY } from '../../src/receivers/retryPolicy.js';
import {
  constantRandom,
  fakeClock,
  makeAlert,
  makeNotification,
  startServer,
  type TestServer,
} from './receiverTestKit.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const nowMs = Date.UTC(2026, 10, 26, 12, 0, 0);

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

describe('Alertmanager receiver', () => {
  it('POSTs a firing alert to /api/v2/alerts in the v2 shape, field by field', async () => {
    server = await startServer(() => ({ status: 200 }));
    const { clock } = fakeClock(nowMs);
    const log = new InMemoryDeliveryLog();
    const receiver = createAlertmanagerReceiver(
      {
        name: 'am',
        url: `${server.url}/`,
        policy: DEFAULT_RETRY_POLICY,
        evaluationIntervalMs: 60_000,
      },
      { clock, random: constantRandom(0), log },
    );
    const result = await receiver.send(makeNotification({ receiver: 'am' }));
    expect(result).toEqual({ outcome: 'delivered', attempts: 1 });

    const request = server.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/v2/alerts');
    expect(request?.headers['content-type']).toBe('application/json');
    const body: unknown = JSON.parse(request?.raw.toString('utf8') ?? '');
    const alerts: unknown[] = Array.isArray(body) ? body : [];
    expect(alerts).toHaveLength(1);
    const alert: unknown = alerts[0];
    expect(keysOf(alert).sort()).toEqual(
      ['annotations', 'endsAt', 'generatorURL', 'labels', 'startsAt'].sort(),
    );
    expect(alert).toHaveProperty('labels', {
      alertname: 'fpr-parity-race',
      severity: 'page',
      model: 'credit',
      version: 'v7',
      attribute: 'race',
      group: 'race=Black',
      metric: 'false_positive_rate',
      fingerprint: '9f2c4e1a7b3d5f60',
    });
    expect(alert).toHaveProperty('annotations.summary', makeAlert().summary);
    expect(alert).toHaveProperty(
      'annotations.description',
      'difference in false_positive_rate between race=Black and race=White is 0.09 ' +
        '(interval [0.0523, 0.1281]); allowed band [-0.05, 0.05]. ' +
        'race=Black: 0.21 over n=1200; race=White: 0.12 over n=3400. ' +
        'Burn rates: 1h 16.2, 5m 20.1. Error budget remaining: 0.35.',
    );
    expect(alert).toHaveProperty(
      'annotations.runbook_url',
      'https://runbooks.example/fairness/fpr-parity',
    );
    expect(alert).toHaveProperty('annotations.dashboard_url', makeAlert().dashboardUrl);
    expect(alert).toHaveProperty('generatorURL', makeAlert().dashboardUrl);
    // startsAt is when it fired; a firing alert stays valid for four evaluation intervals.
    expect(alert).toHaveProperty('startsAt', '2026-11-26T11:45:00.000Z');
    expect(alert).toHaveProperty('endsAt', '2026-11-26T12:04:00.000Z');
    expect(log.attempts).toMatchObject([{ receiver: 'am', outcome: 'delivered', status: 200 }]);
  });

  it('leaves endsAt out of a firing alert when no evaluation interval is configured', () => {
    const [alert] = toAlertmanagerAlerts(makeNotification(), nowMs, null);
    expect(alert).not.toHaveProperty('endsAt');
    expect(alert?.startsAt).toBe('2026-11-26T11:45:00.000Z');
  });

  it('ends a resolved alert at its resolvedAt', () => {
    const resolved = makeAlert({ state: 'resolved', resolvedAt: '2026-11-26T11:58:30.000Z' });
    const [alert] = toAlertmanagerAlerts(
      makeNotification({ status: 'resolved', alerts: [resolved] }),
      nowMs,
      60_000,
    );
    expect(alert?.startsAt).toBe('2026-11-26T11:45:00.000Z');
    expect(alert?.endsAt).toBe('2026-11-26T11:58:30.000Z');
  });

  it('ends a resolved alert without resolvedAt now, and never before it started', () => {
    const notification = makeNotification({
      status: 'resolved',
      alerts: [
        makeAlert({ state: 'resolved', resolvedAt: null }),
        makeAlert({ state: 'resolved', resolvedAt: '2026-11-26T11:00:00.000Z' }),
      ],
    });
    const alerts = toAlertmanagerAlerts(notification, nowMs, null);
    expect(alerts.map((a) => a.endsAt)).toEqual([
      '2026-11-26T12:00:00.000Z',
      '2026-11-26T11:45:00.000Z',
    ]);
  });

  it('starts an alert that has not fired at activeAt, and one with neither time now', () => {
    const alerts = toAlertmanagerAlerts(
      makeNotification({
        alerts: [makeAlert({ firedAt: null }), makeAlert({ firedAt: null, activeAt: null })],
      }),
      nowMs,
      null,
    );
    expect(alerts.map((a) => a.startsAt)).toEqual([
      '2026-11-26T11:40:00.000Z',
      '2026-11-26T12:00:00.000Z',
    ]);
  });

  it('leaves runbook_url out when the SLO has no runbook', () => {
    const [alert] = toAlertmanagerAlerts(
      makeNotification({ alerts: [makeAlert({ runbookUrl: null })] }),
      nowMs,
      null,
    );
    expect(Object.keys(alert?.annotations ?? {})).toEqual([
      'summary',
      'description',
      'dashboard_url',
    ]);
  });

  it('retries a 500 from Alertmanager like any receiver', async () => {
    server = await startServer((_, i) => (i === 0 ? { status: 500 } : { status: 200 }));
    const { clock } = fakeClock(nowMs);
    const log = new InMemoryDeliveryLog();
    const receiver = createAlertmanagerReceiver(
      { name: 'am', url: server.url, policy: DEFAULT_RETRY_POLICY, evaluationIntervalMs: null },
      { clock, random: constantRandom(0.5), log },
    );
    expect(await receiver.send(makeNotification())).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(log.attempts.map((a) => a.outcome)).toEqual(['retrying', 'delivered']);
  });
});

describe('formatGroup', () => {
  it('reads an intersection in the order of its attribute name', () => {
    expect(formatGroup('race&sex', { sex: 'F', race: 'Black' })).toBe('race=Black, sex=F');
  });

  it('writes a missing value as (missing)', () => {
    expect(formatGroup('race', { race: null })).toBe('race=(missing)');
  });
});

describe('describeAlert', () => {
  it('says "undefined" for a metric without a value and omits a missing interval', () => {
    const text = describeAlert(
      makeAlert({
        kind: 'ratio',
        value: null,
        interval: null,
        band: [0.8, 1.25],
        group: { attributes: { race: 'Asian' }, n: 0, value: null },
        burnRates: {},
      }),
    );
    expect(text).toBe(
      'ratio in false_positive_rate between race=Asian and race=White is undefined; ' +
        'allowed band [0.8, 1.25]. race=Asian: undefined over n=0; race=White: 0.12 over n=3400. ' +
        'Error budget remaining: 0.35.',
    );
  });
});
