/** Every default of fairwatch.yaml, in the validated (camelCase, milliseconds) form. */

import type { BurnRateRule, ListenAddress } from './serviceConfig.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './duration.js';

/**
 * The Google SRE workbook's multiwindow, multi-burn-rate pair for a 30-day budget: page when
 * 2% of the budget burns in an hour, open a ticket when 5% burns in six hours.
 */
export const DEFAULT_BURN_RATE_RULES: readonly BurnRateRule[] = [
  { severity: 'page', longWindowMs: HOUR_MS, shortWindowMs: 5 * MINUTE_MS, burnRate: 14.4 },
  { severity: 'ticket', longWindowMs: 6 * HOUR_MS, shortWindowMs: 30 * MINUTE_MS, burnRate: 6 },
];

export const CONFIG_DEFAULTS = {
  server: {
    listen: { host: '127.0.0.1', port: 8080 } satisfies ListenAddress,
    store: './fairwatch.db',
    bucketMs: MINUTE_MS,
    evaluationIntervalMs: 30 * SECOND_MS,
    maxBodyBytes: 10 * 1024 * 1024,
    maxFutureSkewMs: 5 * MINUTE_MS,
    outcomeHoldMs: 7 * DAY_MS,
  },
  retention: {
    rawEventsMs: 30 * DAY_MS,
    minuteBucketsMs: 2 * DAY_MS,
    hourBucketsMs: 30 * DAY_MS,
    dayBucketsMs: 400 * DAY_MS,
  },
  privacy: { minCellSize: 10 },
  model: { threshold: 0.5, minSamples: 30 },
  slo: {
    differenceBand: [-0.05, 0.05] as const,
    /** The four-fifths rule, symmetric on the log scale. */
    ratioBand: [0.8, 1.25] as const,
    windowMs: HOUR_MS,
    minSamples: 100,
    objective: 0.99,
    periodMs: 28 * DAY_MS,
    falseAlarmRate: 0.001,
    forMs: 0,
    alerts: DEFAULT_BURN_RATE_RULES,
  },
  receiver: { maxAttempts: 5, timeoutMs: 10 * SECOND_MS },
  alerting: {
    groupWaitMs: 30 * SECOND_MS,
    groupIntervalMs: 5 * MINUTE_MS,
    repeatIntervalMs: 4 * HOUR_MS,
  },
} as const;

const UNSPECIFIED_HOSTS: Readonly<Record<string, string>> = {
  '0.0.0.0': '127.0.0.1',
  '::': '::1',
};

/**
 * `public_url` when the file has none: the listen address as a URL. A wildcard address
 * (0.0.0.0, ::) is not a place a browser can go, so it becomes the loopback address.
 */
export function defaultPublicUrl(listen: ListenAddress): string {
  const host = UNSPECIFIED_HOSTS[listen.host] ?? listen.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${String(listen.port)}`;
}
