import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, validateConfig } from '../../src/index.js';
import type { ServiceConfig } from '../../src/index.js';
import { fullRaw, issuesOf, minimalRaw, validConfig } from './configFixtures.js';

describe('validateConfig', () => {
  it('fills every default into a configuration that names only a model', () => {
    const config = validConfig(minimalRaw());
    const expected: ServiceConfig = {
      server: {
        listen: { host: '127.0.0.1', port: 8080 },
        publicUrl: 'http://127.0.0.1:8080',
        store: './fairwatch.db',
        bucketMs: 60_000,
        evaluationIntervalMs: 30_000,
        maxBodyBytes: 10_485_760,
        maxFutureSkewMs: 300_000,
        outcomeHoldMs: 7 * 86_400_000,
      },
      retention: {
        rawEventsMs: 30 * 86_400_000,
        minuteBucketsMs: 2 * 86_400_000,
        hourBucketsMs: 30 * 86_400_000,
        dayBucketsMs: 400 * 86_400_000,
      },
      privacy: { minCellSize: 10 },
      models: [
        {
          name: 'loans',
          threshold: 0.5,
          attributes: ['segment', 'sex'],
          intersections: [],
          references: {},
          minSamples: 30,
        },
      ],
      slos: [],
      receivers: [],
      alerting: { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000 },
    };
    expect(config).toEqual(expected);
  });

  it('reads every key of a full configuration into camelCase and milliseconds', () => {
    const config = validConfig(fullRaw(), { FAIRWATCH_ONCALL_SECRET: 'hunter2' });
    expect(config.server).toEqual({
      listen: { host: '0.0.0.0', port: 9090 },
      publicUrl: 'https://fairwatch.example.com',
      store: ':memory:',
      bucketMs: 300_000,
      evaluationIntervalMs: 60_000,
      maxBodyBytes: 1_048_576,
      maxFutureSkewMs: 600_000,
      outcomeHoldMs: 14 * 86_400_000,
    });
    expect(config.retention).toEqual({
      rawEventsMs: 60 * 86_400_000,
      minuteBucketsMs: 3 * 86_400_000,
      hourBucketsMs: 60 * 86_400_000,
      dayBucketsMs: 800 * 86_400_000,
    });
    expect(config.privacy).toEqual({ minCellSize: 20 });
    expect(config.models).toEqual([
      {
        name: 'loans',
        threshold: 0.7,
        attributes: ['segment', 'sex', 'race'],
        intersections: [
          ['segment', 'sex'],
          ['race', 'sex'],
        ],
        references: { segment: 's01', sex: 'M' },
        minSamples: 50,
      },
      {
        name: 'fraud.v2',
        threshold: 0.5,
        attributes: ['region'],
        intersections: [],
        references: {},
        minSamples: 30,
      },
    ]);
    expect(config.slos).toEqual([
      {
        name: 'loans-fpr-segment',
        model: 'loans',
        attribute: 'segment&sex',
        attributes: ['segment', 'sex'],
        metric: 'fpr',
        kind: 'ratio',
        compare: 'between_groups',
        band: [0.9, 1.1],
        windowMs: 7_200_000,
        minSamples: 200,
        objective: 0.995,
        periodMs: 7 * 86_400_000,
        falseAlarmRate: 0.01,
        forMs: 600_000,
        runbookUrl: 'https://runbooks.example.com/fairness#fpr',
        receivers: ['oncall'],
        alerts: [
          { severity: 'page', longWindowMs: 1_800_000, shortWindowMs: 300_000, burnRate: 20 },
        ],
      },
      {
        name: 'fraud-tpr',
        model: 'fraud.v2',
        attribute: 'region',
        attributes: ['region'],
        metric: 'tpr',
        kind: 'difference',
        compare: 'reference',
        band: [-0.05, 0.05],
        windowMs: 3_600_000,
        minSamples: 100,
        objective: 0.99,
        periodMs: 28 * 86_400_000,
        falseAlarmRate: 0.001,
        forMs: 0,
        runbookUrl: null,
        receivers: ['oncall', 'am'],
        alerts: [
          { severity: 'page', longWindowMs: 3_600_000, shortWindowMs: 300_000, burnRate: 14.4 },
          { severity: 'ticket', longWindowMs: 21_600_000, shortWindowMs: 1_800_000, burnRate: 6 },
        ],
      },
    ]);
    expect(config.receivers).toEqual([
      {
        name: 'oncall',
        type: 'webhook',
        url: 'http://127.0.0.1:9000/hook',
        secret: 'hunter2',
        secretEnv: 'FAIRWATCH_ONCALL_SECRET',
        maxAttempts: 3,
        timeoutMs: 2000,
      },
      {
        name: 'am',
        type: 'alertmanager',
        url: 'http://alertmanager:9093',
        maxAttempts: 5,
        timeoutMs: 10_000,
      },
    ]);
    expect(config.alerting).toEqual({
      groupWaitMs: 0,
      groupIntervalMs: 60_000,
      repeatIntervalMs: 43_200_000,
    });
  });

  it('gives the same configuration for the defaults written out as for the defaults left out', () => {
    const written = {
      ...minimalRaw(),
      server: {
        listen: '127.0.0.1:8080',
        public_url: 'http://127.0.0.1:8080',
        store: './fairwatch.db',
        bucket: '1m',
        evaluation_interval: '30s',
        max_body_bytes: 10485760,
        max_future_skew: '5m',
        outcome_hold: '7d',
      },
      retention: {
        raw_events: '30d',
        minute_buckets: '2d',
        hour_buckets: '30d',
        day_buckets: '400d',
      },
      privacy: { min_cell_size: 10 },
      slos: [],
      receivers: [],
      alerting: { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' },
    };
    expect(validConfig(written)).toEqual(validConfig(minimalRaw()));
  });

  it('treats a key with nothing after it (YAML null) as absent', () => {
    const config = validConfig({
      ...minimalRaw(),
      server: null,
      slos: null,
      alerting: { group_wait: null },
    });
    expect(config.server).toEqual(validConfig(minimalRaw()).server);
    expect(config.slos).toEqual([]);
    expect(config.alerting.groupWaitMs).toBe(CONFIG_DEFAULTS.alerting.groupWaitMs);
  });

  it('does not change the object it validates', () => {
    const raw = fullRaw();
    const before = structuredClone(raw);
    validateConfig(raw, { env: { FAIRWATCH_ONCALL_SECRET: 'x' } });
    expect(raw).toEqual(before);
  });

  it('rejects a configuration that is not a mapping, at the root', () => {
    for (const raw of [null, [], 'models: []', 42]) {
      const issues = issuesOf(raw);
      expect(issues.map((issue) => [issue.path, issue.code])).toEqual([['', 'invalid_type']]);
      expect(issues[0]?.message).toMatch(/^expected a mapping, got /);
    }
  });

  it('reports every issue of a configuration with many, each at its path', () => {
    const issues = issuesOf({
      server: { listen: 'localhost', bucket: '7m', max_body_bytes: -1 },
      retention: { raw_events: '1d' },
      privacy: { min_cell_size: 2.5 },
      models: [
        { name: 'loans', treshold: 0.5, attributes: ['segment', 'segment'] },
        { name: 'loans', threshold: 2, attributes: [] },
      ],
      slos: [
        {
          name: 'a',
          model: 'loan',
          attribute: 'segment',
          metric: 'fpr',
          kind: 'ratio',
          compare: 'reference',
          band: [1.2, 0.8],
        },
        {
          name: 'a',
          model: 'loans',
          attribute: 'race',
          metric: 'auc',
          kind: 'difference',
          compare: 'reference',
          receivers: ['nobody'],
        },
      ],
      receivers: [{ name: 'hook', type: 'webhook', url: 'ftp://example.com' }],
      alerting: { group_interval: '0s' },
    });
    expect(issues.map((issue) => `${issue.path} ${issue.code}`)).toEqual([
      'server.listen invalid_format',
      'server.bucket invalid_value',
      'server.max_body_bytes too_small',
      'retention.raw_events inconsistent',
      'privacy.min_cell_size invalid_type',
      'models[0].treshold unknown_key',
      'models[0].attributes[1] duplicate',
      'models[1].name duplicate',
      'models[1].threshold too_big',
      'models[1].attributes too_small',
      'receivers[0].url invalid_format',
      'receivers[0].secret missing',
      'slos[0].model unknown_reference',
      'slos[0].band inconsistent',
      'slos[1].name duplicate',
      'slos[1].attribute unknown_reference',
      'slos[1].metric invalid_value',
      'slos[1].receivers[0] unknown_reference',
      'alerting.group_interval too_small',
    ]);
    for (const issue of issues) expect(issue.message).not.toBe('');
  });
});
