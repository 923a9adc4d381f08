import type { Alert } from '@fairwatch/contracts';
import type { Notification } from './notification.js';
import {
  postWithRetry,
  type DeliveryDeps,
  type DeliveryResult,
  type OutgoingRequest,
} from './postWithRetry.js';
import type { Receiver } from './receiver.js';
import type { RetryPolicy } from './retryPolicy.js';

export interface AlertmanagerReceiverOptions {
  readonly name: string;
  /** Alertmanager's base URL, e.g. `http://alertmanager:9093`; alerts go to `/api/v2/alerts`. */
  readonly url: string;
  readonly policy: RetryPolicy;
  /**
   * How often the service re-evaluates (and so re-sends) firing alerts. When set, a firing
   * alert's `endsAt` is four intervals ahead, as Prometheus does, so Alertmanager resolves it
   * by itself if fairwatch stops sending; when null, `endsAt` is left out and Alertmanager's
   * `resolve_timeout` applies.
   */
  readonly evaluationIntervalMs: number | null;
}

/** An alert in Alertmanager's API v2 `postableAlert` shape. */
export interface AlertmanagerAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly generatorURL: string;
}

/** Prometheus keeps a sent alert valid for 4 × max(evaluation interval, resend delay). */
const VALIDITY_INTERVALS = 4;

/**
 * Maps a notification's alerts to Alertmanager alerts. Labels identify the alert (Alertmanager
 * deduplicates and routes on them): `alertname` (the SLO), `severity`, `model`, `version`,
 * `attribute`, `group` (e.g. `race=Black` or `race=Black, sex=F`), `metric` and `fingerprint`.
 * Annotations carry what a person reads: `summary`, `description` (the disparity, its interval,
 * the band, both groups' values and sample sizes, the burn rates), `runbook_url` when there is
 * one, and `dashboard_url`, which is also the `generatorURL`.
 *
 * `startsAt` is when the alert fired (or became active). A resolved alert (the alert's state,
 * or a resolved notification) ends at its `resolvedAt`, else now; a firing one ends
 * `VALIDITY_INTERVALS` evaluation intervals from now, or is left open (see
 * `AlertmanagerReceiverOptions.evaluationIntervalMs`). The service must re-send firing alerts
 * every evaluation, as Alertmanager's client contract expects.
 */
export function toAlertmanagerAlerts(
  notification: Notification,
  nowMs: number,
  evaluationIntervalMs: number | null,
): AlertmanagerAlert[] {
  return notification.alerts.map((alert) => {
    const startsAtMs = parseTime(alert.firedAt ?? alert.activeAt) ?? nowMs;
    const resolved = alert.state === 'resolved' || notification.status === 'resolved';
    const endsAtMs = resolved
      ? Math.max(startsAtMs, parseTime(alert.resolvedAt) ?? nowMs)
      : evaluationIntervalMs === null
        ? null
        : nowMs + VALIDITY_INTERVALS * evaluationIntervalMs;
    const annotations: Record<string, string> = {
      summary: alert.summary,
      description: describeAlert(alert),
    };
    if (alert.runbookUrl !== null) annotations['runbook_url'] = alert.runbookUrl;
    annotations['dashboard_url'] = alert.dashboardUrl;
    return {
      labels: {
        alertname: alert.slo,
        severity: alert.severity,
        model: alert.model,
        version: alert.version,
        attribute: alert.attribute,
        group: formatGroup(alert.attribute, alert.group.attributes),
        metric: alert.metric,
        fingerprint: alert.fingerprint,
      },
      annotations,
      startsAt: new Date(startsAtMs).toISOString(),
      ...(endsAtMs === null ? {} : { endsAt: new Date(endsAtMs).toISOString() }),
      generatorURL: alert.dashboardUrl,
    };
  });
}

/**
 * A group's attribute values as `name=value` pairs in the order of `attribute` (`race&sex`),
 * joined by ", "; a missing value reads `(missing)`.
 */
export function formatGroup(
  attribute: string,
  values: Readonly<Record<string, string | null>>,
): string {
  const named = attribute.split('&');
  const names = named.every((name) => name in values) ? named : Object.keys(values);
  return names.map((name) => `${name}=${values[name] ?? '(missing)'}`).join(', ');
}

/**
 * One paragraph with the numbers behind the alert, e.g. "difference in fpr between race=Black
 * and race=White is 0.09 (interval [0.052, 0.128]), outside the allowed band [-0.05, 0.05].
 * race=Black: 0.21 over n=1200; race=White: 0.12 over n=3400. Burn rates: 1h 16.2, 5m 20.1."
 */
export function describeAlert(alert: Alert): string {
  const group = formatGroup(alert.attribute, alert.group.attributes);
  const other = formatGroup(alert.attribute, alert.comparedWith.attributes);
  const interval =
    alert.interval === null
      ? ''
      : ` (interval [${formatNumber(alert.interval[0])}, ${formatNumber(alert.interval[1])}])`;
  const band = `[${formatNumber(alert.band[0])}, ${formatNumber(alert.band[1])}]`;
  const burn = Object.entries(alert.burnRates)
    .map(([window, rate]) => `${window} ${formatNumber(rate)}`)
    .join(', ');
  return [
    `${alert.kind} in ${alert.metric} between ${group} and ${other} is ` +
      `${formatNumber(alert.value)}${interval}; allowed band ${band}.`,
    `${group}: ${formatNumber(alert.group.value)} over n=${alert.group.n}; ` +
      `${other}: ${formatNumber(alert.comparedWith.value)} over n=${alert.comparedWith.n}.`,
    ...(burn === '' ? [] : [`Burn rates: ${burn}.`]),
    `Error budget remaining: ${formatNumber(alert.errorBudgetRemaining)}.`,
  ].join(' ');
}

/** POSTs each notification's alerts to Alertmanager's `/api/v2/alerts`, retrying per policy. */
export function createAlertmanagerReceiver(
  config: AlertmanagerReceiverOptions,
  deps: DeliveryDeps,
): Receiver {
  const url = `${config.url.replace(/\/+$/, '')}/api/v2/alerts`;
  return {
    name: config.name,
    send(notification: Notification, signal?: AbortSignal): Promise<DeliveryResult> {
      const context = {
        receiver: config.name,
        groupKey: notification.groupKey,
        fingerprints: notification.alerts.map((alert) => alert.fingerprint),
      };
      const build = (nowMs: number): OutgoingRequest => ({
        url,
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'fairwatch' },
        body: JSON.stringify(
          toAlertmanagerAlerts(notification, nowMs, config.evaluationIntervalMs),
        ),
      });
      return postWithRetry(build, context, config.policy, deps, signal);
    },
  };
}

function parseTime(rfc3339: string | null): number | null {
  if (rfc3339 === null) return null;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? null : ms;
}

/** Four significant digits, without trailing zeros; null reads "undefined". */
function formatNumber(value: number | null): string {
  if (value === null) return 'undefined';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
