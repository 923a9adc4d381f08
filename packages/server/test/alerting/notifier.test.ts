import { describe, expect, it } from 'vitest';
import type { Alert, ServiceConfig } from '@fairwatch/contracts';
import { Notifier } from '../../src/alerting/notifier.js';
import { makeAlert } from '../receivers/receiverTestKit.js';
import { HOUR, MINUTE, NOW, demoConfig } from '../service/serviceFixtures.js';

const SECOND = 1000;

/** The demo's timing: group_wait 30s, group_interval 5m, repeat_interval 4h. */
function config(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...demoConfig(':memory:', (demo) => demo, true), ...overrides };
}

function alert(fingerprint: string, overrides: Partial<Alert> = {}): Alert {
  return makeAlert({ fingerprint, slo: 'loans-fpr-parity', model: 'loans', ...overrides });
}

/** The fingerprints of each notification the notifier sends at `at`. */
function sent(notifier: Notifier, alerts: readonly Alert[], at: number): string[][] {
  return notifier.notifications(alerts, at).map((n) => n.alerts.map((a) => a.fingerprint));
}

describe('Notifier grouping', () => {
  it('waits group_wait after a group first fires, then sends its alerts together', () => {
    const notifier = new Notifier(config());
    expect(sent(notifier, [alert('a')], NOW)).toEqual([]);
    expect(sent(notifier, [alert('a'), alert('b')], NOW + 20 * SECOND)).toEqual([]);
    const out = notifier.notifications([alert('a'), alert('b')], NOW + 30 * SECOND);
    expect(out).toEqual([
      {
        receiver: 'demo-webhook',
        groupKey: 'demo-webhook|loans-fpr-parity/loans',
        status: 'firing',
        alerts: [alert('a'), alert('b')],
      },
    ]);
  });

  it('sends a change to a sent group no sooner than group_interval after the last send', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a')], NOW);
    expect(sent(notifier, [alert('a')], NOW + 30 * SECOND)).toEqual([['a']]);
    const both = [alert('a'), alert('b')];
    expect(sent(notifier, both, NOW + MINUTE)).toEqual([]);
    expect(sent(notifier, both, NOW + 30 * SECOND + 4 * MINUTE)).toEqual([]);
    expect(sent(notifier, both, NOW + 30 * SECOND + 5 * MINUTE)).toEqual([['a', 'b']]);
  });

  it('repeats an unchanged firing group every repeat_interval, and not in between', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a')], NOW);
    const firstSend = NOW + 30 * SECOND;
    expect(sent(notifier, [alert('a')], firstSend)).toEqual([['a']]);
    for (const after of [5 * MINUTE, HOUR, 4 * HOUR - SECOND]) {
      expect(sent(notifier, [alert('a')], firstSend + after)).toEqual([]);
    }
    expect(sent(notifier, [alert('a')], firstSend + 4 * HOUR)).toEqual([['a']]);
  });

  it('does not repeat a group whose firing alerts are all acknowledged', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a')], NOW);
    notifier.notifications([alert('a')], NOW + 30 * SECOND);
    const acked = alert('a', { acknowledgedBy: 'ana' });
    expect(sent(notifier, [acked], NOW + 5 * HOUR)).toEqual([]);
    // A new alert in the group is a change, acknowledged or not.
    expect(sent(notifier, [acked, alert('b')], NOW + 6 * HOUR)).toEqual([['a', 'b']]);
  });

  it('leaves silenced alerts out, and sends nothing for a group that is all silenced', () => {
    const notifier = new Notifier(config());
    const silenced = alert('a', { silencedBy: 'ben' });
    notifier.notifications([silenced], NOW);
    expect(sent(notifier, [silenced], NOW + HOUR)).toEqual([]);
    notifier.notifications([silenced, alert('b')], NOW + HOUR);
    expect(sent(notifier, [silenced, alert('b')], NOW + HOUR + 30 * SECOND)).toEqual([['b']]);
  });

  it('sends a resolved alert once, with the status resolved when nothing in the group fires', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a')], NOW);
    notifier.notifications([alert('a')], NOW + 30 * SECOND);
    const resolved = alert('a', { state: 'resolved' });
    const out = notifier.notifications([resolved], NOW + 10 * MINUTE);
    expect(out.map((n) => [n.status, n.alerts.map((a) => a.fingerprint)])).toEqual([
      ['resolved', ['a']],
    ]);
    expect(sent(notifier, [resolved], NOW + 20 * MINUTE)).toEqual([]);
  });

  it('does not send an alert that resolved before its group was ever sent', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a')], NOW);
    expect(sent(notifier, [alert('a', { state: 'resolved' })], NOW + 30 * SECOND)).toEqual([]);
  });

  it('leaves pending alerts out', () => {
    const notifier = new Notifier(config());
    notifier.notifications([alert('a', { state: 'pending' })], NOW);
    expect(sent(notifier, [alert('a', { state: 'pending' })], NOW + HOUR)).toEqual([]);
  });

  it('groups per SLO and model, and notifies only the receivers the SLO names', () => {
    const base = config();
    const notifier = new Notifier({
      ...base,
      slos: base.slos.map((slo) =>
        slo.name === 'loans-selection-parity' ? { ...slo, receivers: [] } : slo,
      ),
    });
    const alerts = [alert('a'), alert('s', { slo: 'loans-selection-parity' })];
    notifier.notifications(alerts, NOW);
    expect(sent(notifier, alerts, NOW + 30 * SECOND)).toEqual([['a']]);
  });

  it('gives an Alertmanager receiver every firing and resolved alert at every evaluation', () => {
    const base = config();
    const notifier = new Notifier({
      ...base,
      receivers: [
        { type: 'alertmanager', name: 'am', url: 'http://am.test', maxAttempts: 1, timeoutMs: 1 },
      ],
      slos: base.slos.map((slo) => ({ ...slo, receivers: ['am'] })),
    });
    const alerts = [
      alert('a'),
      alert('b', { state: 'resolved' }),
      alert('c', { state: 'pending' }),
    ];
    expect(sent(notifier, alerts, NOW)).toEqual([['a', 'b']]);
    expect(sent(notifier, alerts, NOW + 30 * SECOND)).toEqual([['a', 'b']]);
  });
});
