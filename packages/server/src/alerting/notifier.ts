import type { Alert, ServiceConfig } from '@fairwatch/contracts';
import type { Notification } from '../receivers/notification.js';

interface GroupState {
  firstSeenAt: number;
  lastSentAt: number | null;
  /** Firing fingerprints in the last notification sent. */
  sentFiring: Set<string>;
}

/**
 * Decides which notifications to send after an evaluation, the way Alertmanager groups: alerts
 * of one SLO and model form a group per receiver; a new group waits `groupWait` so related
 * alerts go out together, changes go out at most every `groupInterval`, and an unchanged
 * firing group is repeated every `repeatInterval`. Silenced alerts are left out, and
 * acknowledged ones are not repeated. Alertmanager receivers get every firing alert at every
 * evaluation, as its API expects, and group themselves.
 */
export class Notifier {
  private readonly config: ServiceConfig;
  private readonly groups = new Map<string, GroupState>();

  constructor(config: ServiceConfig) {
    this.config = config;
  }

  notifications(alerts: readonly Alert[], now: number): Notification[] {
    const out: Notification[] = [];
    const timing = this.config.alerting;
    const audible = alerts.filter((alert) => alert.silencedBy === null);
    for (const receiver of this.config.receivers) {
      const mine = audible.filter((alert) => this.receiversOf(alert.slo).includes(receiver.name));
      if (receiver.type === 'alertmanager') {
        const active = mine.filter(
          (alert) => alert.state === 'firing' || alert.state === 'resolved',
        );
        if (active.length > 0) {
          out.push({
            receiver: receiver.name,
            groupKey: 'fairwatch',
            status: 'firing',
            alerts: active,
          });
        }
        continue;
      }
      const byGroup = new Map<string, Alert[]>();
      for (const alert of mine) {
        if (alert.state !== 'firing' && alert.state !== 'resolved') continue;
        const key = `${alert.slo}/${alert.model}`;
        byGroup.set(key, [...(byGroup.get(key) ?? []), alert]);
      }
      for (const [key, members] of byGroup) {
        const stateKey = `${receiver.name}|${key}`;
        let state = this.groups.get(stateKey);
        if (state === undefined) {
          state = { firstSeenAt: now, lastSentAt: null, sentFiring: new Set() };
          this.groups.set(stateKey, state);
        }
        const firing = members.filter((alert) => alert.state === 'firing');
        const firingNow = new Set(firing.map((alert) => alert.fingerprint));
        const resolvedSinceSent = members.filter(
          (alert) => alert.state === 'resolved' && state.sentFiring.has(alert.fingerprint),
        );
        const changed =
          resolvedSinceSent.length > 0 ||
          [...firingNow].some((fingerprint) => !state.sentFiring.has(fingerprint));
        let send = false;
        if (state.lastSentAt === null)
          send = firing.length > 0 && now - state.firstSeenAt >= timing.groupWaitMs;
        else if (changed) send = now - state.lastSentAt >= timing.groupIntervalMs;
        else if (firing.some((alert) => alert.acknowledgedBy === null)) {
          send = now - state.lastSentAt >= timing.repeatIntervalMs;
        }
        if (!send) continue;
        const alertsOut = [...firing, ...resolvedSinceSent];
        out.push({
          receiver: receiver.name,
          groupKey: stateKey,
          status: firing.length > 0 ? 'firing' : 'resolved',
          alerts: alertsOut,
        });
        state.lastSentAt = now;
        state.sentFiring = firingNow;
        if (firing.length === 0) this.groups.delete(stateKey);
      }
    }
    return out;
  }

  private receiversOf(sloName: string): readonly string[] {
    const slo = this.config.slos.find((candidate) => candidate.name === sloName);
    return slo?.receivers ?? [];
  }
}
