import { expect } from 'vitest';
import { validateConfig } from '../../src/index.js';
import type { ConfigEnv, ConfigIssue, ServiceConfig } from '../../src/index.js';

/** The smallest valid configuration: one model. */
export function minimalRaw(): Record<string, unknown> {
  return { models: [{ name: 'loans', attributes: ['segment', 'sex'] }] };
}

/** Every key of fairwatch.yaml written out, as YAML parses it. */
export function fullRaw(): Record<string, unknown> {
  return {
    server: {
      listen: '0.0.0.0:9090',
      public_url: 'https://fairwatch.example.com/',
      store: ':memory:',
      bucket: '5m',
      evaluation_interval: '1m',
      max_body_bytes: 1048576,
      max_future_skew: '10m',
      outcome_hold: '14d',
    },
    retention: {
      raw_events: '60d',
      minute_buckets: '3d',
      hour_buckets: '60d',
      day_buckets: '800d',
    },
    privacy: { min_cell_size: 20 },
    models: [
      {
        name: 'loans',
        threshold: 0.7,
        attributes: ['segment', 'sex', 'race'],
        intersections: [
          ['segment', 'sex'],
          ['race', 'sex'],
        ],
        references: { segment: 's01', sex: 'M' },
        min_samples: 50,
      },
      { name: 'fraud.v2', attributes: ['region'] },
    ],
    slos: [
      {
        name: 'loans-fpr-segment',
        model: 'loans',
        attribute: 'sex&segment',
        metric: 'fpr',
        kind: 'ratio',
        compare: 'between_groups',
        band: [0.9, 1.1],
        window: '2h',
        min_samples: 200,
        objective: 0.995,
        period: '7d',
        false_alarm_rate: 0.01,
        for: '10m',
        runbook_url: 'https://runbooks.example.com/fairness#fpr',
        receivers: ['oncall'],
        alerts: [{ severity: 'page', long_window: '30m', short_window: '5m', burn_rate: 20 }],
      },
      {
        name: 'fraud-tpr',
        model: 'fraud.v2',
        attribute: 'region',
        metric: 'tpr',
        kind: 'difference',
        compare: 'reference',
      },
    ],
    receivers: [
      {
        name: 'oncall',
        type: 'webhook',
        url: 'http://127.0.0.1:9000/hook',
        secret_env: 'FAIRWATCH_ONCALL_SECRET',
        max_attempts: 3,
        timeout: '2s',
      },
      { name: 'am', type: 'alertmanager', url: 'http://alertmanager:9093' },
    ],
    alerting: { group_wait: '0s', group_interval: '1m', repeat_interval: '12h' },
  };
}

export function validConfig(raw: unknown, env?: ConfigEnv): ServiceConfig {
  const result = validateConfig(raw, env === undefined ? {} : { env });
  if (!result.ok)
    throw new Error(`expected a valid config, got:\n${JSON.stringify(result.issues, null, 2)}`);
  return result.config;
}

export function issuesOf(raw: unknown, env?: ConfigEnv): readonly ConfigIssue[] {
  const result = validateConfig(raw, env === undefined ? {} : { env });
  if (result.ok) throw new Error('expected issues, the configuration is valid');
  return result.issues;
}

/** Asserts the configuration has exactly one issue, at `path` with `code`; returns its message. */
export function onlyIssue(raw: unknown, path: string, code: ConfigIssue['code']): string {
  const issues = issuesOf(raw);
  expect(issues.map((issue) => [issue.path, issue.code])).toEqual([[path, code]]);
  return issues[0]?.message ?? '';
}

/** `minimalRaw()` with `patch` merged into the top level. */
export function withTop(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...minimalRaw(), ...patch };
}

/** A configuration whose first model is `minimalRaw()`'s merged with `patch`. */
export function withModel(patch: Record<string, unknown>): Record<string, unknown> {
  return { models: [{ name: 'loans', attributes: ['segment', 'sex'], ...patch }] };
}

/** A configuration with one SLO on `loans`, merged with `patch`. */
export function withSlo(
  patch: Record<string, unknown>,
  top: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    models: [
      { name: 'loans', attributes: ['segment', 'sex'], intersections: [['segment', 'sex']] },
    ],
    slos: [
      {
        name: 'fpr',
        model: 'loans',
        attribute: 'segment',
        metric: 'fpr',
        kind: 'difference',
        compare: 'reference',
        ...patch,
      },
    ],
    ...top,
  };
}

/** A configuration with one webhook receiver merged with `patch`. */
export function withReceiver(patch: Record<string, unknown>): Record<string, unknown> {
  return withTop({
    receivers: [
      {
        name: 'oncall',
        type: 'webhook',
        url: 'http://127.0.0.1:9000/hook',
        secret: 's3cret',
        ...patch,
      },
    ],
  });
}
