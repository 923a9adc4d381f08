import { describe, expect, it } from 'vitest';
import { issuesOf, onlyIssue, validConfig, withSlo } from './configFixtures.js';

const firstSlo = (raw: unknown) => {
  const slo = validConfig(raw).slos[0];
  if (slo === undefined) throw new Error('no SLO');
  return slo;
};

const RECEIVERS = {
  receivers: [
    { name: 'oncall', type: 'alertmanager', url: 'http://am:9093' },
    { name: 'tickets', type: 'alertmanager', url: 'http://am:9093' },
  ],
};

describe('slos', () => {
  it('requires a unique name', () => {
    onlyIssue(withSlo({ name: undefined }), 'slos[0].name', 'missing');
    const slo = {
      model: 'loans',
      attribute: 'sex',
      metric: 'tpr',
      kind: 'ratio',
      compare: 'reference',
    };
    const twice = withSlo(
      {},
      {
        slos: [
          { ...slo, name: 'a' },
          { ...slo, name: 'a' },
        ],
      },
    );
    onlyIssue(twice, 'slos[1].name', 'duplicate');
  });

  it('requires a configured model, suggesting a close name', () => {
    expect(onlyIssue(withSlo({ model: 'loan' }), 'slos[0].model', 'unknown_reference')).toBe(
      'no model named `loan`; did you mean `loans`?',
    );
    expect(onlyIssue(withSlo({ model: 'fraud' }), 'slos[0].model', 'unknown_reference')).toBe(
      'no model named `fraud`; models are loans',
    );
  });

  it('requires an attribute of the model', () => {
    expect(
      onlyIssue(withSlo({ attribute: 'race' }), 'slos[0].attribute', 'unknown_reference'),
    ).toBe('`race` is not an attribute of model `loans`; its attributes are segment, sex');
    onlyIssue(withSlo({ attribute: undefined }), 'slos[0].attribute', 'missing');
  });

  it('takes a configured intersection written in any order, spelt as configured', () => {
    const slo = firstSlo(withSlo({ attribute: 'sex & segment' }));
    expect(slo.attribute).toBe('segment&sex');
    expect(slo.attributes).toEqual(['segment', 'sex']);
  });

  it('rejects an intersection the model does not configure', () => {
    const raw = withSlo({ attribute: 'segment&sex' });
    const models = [
      { name: 'loans', attributes: ['segment', 'sex', 'race'], intersections: [['race', 'sex']] },
    ];
    expect(onlyIssue({ ...raw, models }, 'slos[0].attribute', 'unknown_reference')).toBe(
      '`segment&sex` is not an intersection configured for model `loans`; its intersections are race&sex',
    );
  });

  it('takes one of the rate metrics', () => {
    expect(firstSlo(withSlo({ metric: 'for' })).metric).toBe('for');
    expect(onlyIssue(withSlo({ metric: 'auc' }), 'slos[0].metric', 'invalid_value')).toBe(
      'must be one of selection_rate, prevalence, tpr, fpr, tnr, fnr, ppv, npv, fdr, for, accuracy; got "auc"',
    );
    onlyIssue(withSlo({ metric: undefined }), 'slos[0].metric', 'missing');
  });

  it('requires kind and compare from their lists', () => {
    onlyIssue(withSlo({ kind: 'diff' }), 'slos[0].kind', 'invalid_value');
    onlyIssue(withSlo({ kind: undefined }), 'slos[0].kind', 'missing');
    onlyIssue(withSlo({ compare: 'overall' }), 'slos[0].compare', 'invalid_value');
    onlyIssue(withSlo({ compare: 1 }), 'slos[0].compare', 'invalid_type');
  });

  it('defaults the band by kind', () => {
    expect(firstSlo(withSlo({ kind: 'difference' })).band).toEqual([-0.05, 0.05]);
    expect(firstSlo(withSlo({ kind: 'ratio' })).band).toEqual([0.8, 1.25]);
  });

  it('requires a band of two numbers, low below high', () => {
    onlyIssue(withSlo({ band: [0.1] }), 'slos[0].band', 'invalid_type');
    onlyIssue(withSlo({ band: '[-0.1, 0.1]' }), 'slos[0].band', 'invalid_type');
    onlyIssue(withSlo({ band: ['-0.1', 0.1] }), 'slos[0].band[0]', 'invalid_type');
    expect(onlyIssue(withSlo({ band: [0.1, -0.1] }), 'slos[0].band', 'inconsistent')).toBe(
      'low must be below high, got [0.1, -0.1]',
    );
    onlyIssue(withSlo({ band: [0.1, 0.1] }), 'slos[0].band', 'inconsistent');
  });

  it('requires a positive ratio band', () => {
    onlyIssue(withSlo({ kind: 'ratio', band: [0, 1.25] }), 'slos[0].band[0]', 'too_small');
    expect(firstSlo(withSlo({ kind: 'difference', band: [-0.1, 0] })).band).toEqual([-0.1, 0]);
  });

  it('requires windows that are whole buckets', () => {
    expect(onlyIssue(withSlo({ window: '90s' }), 'slos[0].window', 'inconsistent')).toBe(
      'must be a whole number of server.bucket (1m), got 90s',
    );
    onlyIssue(
      withSlo({ window: '10m' }, { server: { bucket: '15m' } }),
      'slos[0].window',
      'inconsistent',
    );
  });

  it('checks its numbers against their bounds', () => {
    onlyIssue(withSlo({ min_samples: 0 }), 'slos[0].min_samples', 'too_small');
    onlyIssue(withSlo({ objective: 1 }), 'slos[0].objective', 'too_big');
    onlyIssue(withSlo({ objective: 0 }), 'slos[0].objective', 'too_small');
    expect(
      onlyIssue(withSlo({ false_alarm_rate: 0.5 }), 'slos[0].false_alarm_rate', 'too_big'),
    ).toBe('must be in (0, 0.5), got 0.5');
    onlyIssue(withSlo({ false_alarm_rate: 0 }), 'slos[0].false_alarm_rate', 'too_small');
    onlyIssue(withSlo({ period: '0d' }), 'slos[0].period', 'too_small');
    onlyIssue(withSlo({ for: '-1m' }), 'slos[0].for', 'invalid_format');
    expect(firstSlo(withSlo({ for: '0s' })).forMs).toBe(0);
  });

  it('takes an optional http(s) runbook URL', () => {
    expect(firstSlo(withSlo({})).runbookUrl).toBeNull();
    onlyIssue(withSlo({ runbook_url: 'runbooks/fpr.md' }), 'slos[0].runbook_url', 'invalid_format');
  });

  it('notifies every receiver unless it lists some', () => {
    expect(firstSlo(withSlo({}, RECEIVERS)).receivers).toEqual(['oncall', 'tickets']);
    expect(firstSlo(withSlo({ receivers: ['tickets'] }, RECEIVERS)).receivers).toEqual(['tickets']);
    expect(firstSlo(withSlo({ receivers: [] }, RECEIVERS)).receivers).toEqual([]);
  });

  it('requires listed receivers to exist, once each', () => {
    expect(
      onlyIssue(
        withSlo({ receivers: ['oncal'] }, RECEIVERS),
        'slos[0].receivers[0]',
        'unknown_reference',
      ),
    ).toBe('no receiver named `oncal`; did you mean `oncall`?');
    onlyIssue(
      withSlo({ receivers: ['oncall', 'oncall'] }, RECEIVERS),
      'slos[0].receivers[1]',
      'duplicate',
    );
    onlyIssue(withSlo({ receivers: 'oncall' }, RECEIVERS), 'slos[0].receivers', 'invalid_type');
  });

  it('does not report an SLO naming a receiver that is itself wrong', () => {
    const raw = withSlo(
      { receivers: ['hook'] },
      { receivers: [{ name: 'hook', type: 'webhook', url: 'x' }] },
    );
    expect(issuesOf(raw).map((issue) => issue.path)).toEqual([
      'receivers[0].url',
      'receivers[0].secret',
    ]);
  });

  it('does not report an SLO on an attribute of a model whose attributes are wrong', () => {
    const raw = withSlo({});
    const models = [{ name: 'loans', attributes: 'segment' }];
    expect(issuesOf({ ...raw, models }).map((issue) => issue.path)).toEqual([
      'models[0].attributes',
    ]);
  });
});

describe('burn-rate rules', () => {
  const rule = (patch: Record<string, unknown>) => ({
    severity: 'page',
    long_window: '1h',
    short_window: '5m',
    burn_rate: 14.4,
    ...patch,
  });

  it("default to the SRE workbook's page and ticket pair", () => {
    expect(firstSlo(withSlo({})).alerts).toEqual([
      { severity: 'page', longWindowMs: 3_600_000, shortWindowMs: 300_000, burnRate: 14.4 },
      { severity: 'ticket', longWindowMs: 21_600_000, shortWindowMs: 1_800_000, burnRate: 6 },
    ]);
  });

  it('may be an empty list: the SLO is tracked but never alerts', () => {
    expect(firstSlo(withSlo({ alerts: [] })).alerts).toEqual([]);
  });

  it('require every key', () => {
    const issues = issuesOf(withSlo({ alerts: [{}] }));
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['slos[0].alerts[0].severity', 'missing'],
      ['slos[0].alerts[0].long_window', 'missing'],
      ['slos[0].alerts[0].short_window', 'missing'],
      ['slos[0].alerts[0].burn_rate', 'missing'],
    ]);
  });

  it('take a severity of page or ticket', () => {
    onlyIssue(
      withSlo({ alerts: [rule({ severity: 'critical' })] }),
      'slos[0].alerts[0].severity',
      'invalid_value',
    );
  });

  it('need a short window shorter than the long one', () => {
    expect(
      onlyIssue(
        withSlo({ alerts: [rule({ short_window: '1h' })] }),
        'slos[0].alerts[0].short_window',
        'inconsistent',
      ),
    ).toBe('must be shorter than long_window (1h), got 1h');
  });

  it('need windows that are whole buckets', () => {
    onlyIssue(
      withSlo({ alerts: [rule({ short_window: '30s' })] }),
      'slos[0].alerts[0].short_window',
      'inconsistent',
    );
  });

  it('need a positive burn rate', () => {
    onlyIssue(
      withSlo({ alerts: [rule({ burn_rate: 0 })] }),
      'slos[0].alerts[0].burn_rate',
      'too_small',
    );
  });

  it('cannot ask for a burn rate the objective makes unreachable', () => {
    expect(
      onlyIssue(
        withSlo({ objective: 0.9, alerts: [rule({ burn_rate: 14.4 })] }),
        'slos[0].alerts[0].burn_rate',
        'inconsistent',
      ),
    ).toBe('can never fire: with objective 0.9 the burn rate is at most 10');
    expect(
      firstSlo(withSlo({ objective: 0.9, alerts: [rule({ burn_rate: 10 })] })).alerts[0]?.burnRate,
    ).toBe(10);
    expect(
      firstSlo(withSlo({ objective: 0.99, alerts: [rule({ burn_rate: 100 })] })).alerts[0]
        ?.burnRate,
    ).toBe(100);
  });

  it('report an objective that the default rules cannot fire under', () => {
    expect(onlyIssue(withSlo({ objective: 0.9 }), 'slos[0].objective', 'inconsistent')).toContain(
      'default alert rules with burn rate 14.4 can never fire',
    );
  });
});
