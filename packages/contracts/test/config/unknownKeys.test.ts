import { describe, expect, it } from 'vitest';
import {
  issuesOf,
  onlyIssue,
  withModel,
  withReceiver,
  withSlo,
  withTop,
} from './configFixtures.js';

describe('unknown keys', () => {
  it('suggest the known key one typo away', () => {
    expect(onlyIssue(withModel({ treshold: 0.6 }), 'models[0].treshold', 'unknown_key')).toBe(
      'unknown key `treshold`; did you mean `threshold`?',
    );
  });

  it('suggest the known key for two swapped letters', () => {
    const issues = issuesOf(withSlo({ metirc: 'fpr', metric: null }));
    expect(issues.map((issue) => [issue.path, issue.code, issue.message])).toEqual([
      ['slos[0].metirc', 'unknown_key', 'unknown key `metirc`; did you mean `metric`?'],
      ['slos[0].metric', 'missing', '`metric` is required'],
    ]);
  });

  it('suggest the snake_case key for camelCase or dashes', () => {
    expect(
      onlyIssue(withTop({ server: { publicUrl: 'http://x' } }), 'server.publicUrl', 'unknown_key'),
    ).toContain('`public_url`');
    expect(
      onlyIssue(withSlo({ 'runbook-url': 'http://x' }), 'slos[0]["runbook-url"]', 'unknown_key'),
    ).toContain('`runbook_url`');
  });

  it('suggest `models` for `model` at the top level', () => {
    const issues = issuesOf({ model: [{ name: 'loans', attributes: ['sex'] }] });
    expect(issues.map((issue) => [issue.path, issue.code, issue.message])).toEqual([
      ['model', 'unknown_key', 'unknown key `model`; did you mean `models`?'],
      ['models', 'missing', 'at least one model is required'],
    ]);
  });

  it('list the known keys when none is close', () => {
    expect(onlyIssue(withTop({ privacy: { epsilon: 1 } }), 'privacy.epsilon', 'unknown_key')).toBe(
      'unknown key `epsilon`; expected one of min_cell_size',
    );
  });

  it('are found in every mapping: alert rules and receivers too', () => {
    onlyIssue(
      withSlo({
        alerts: [
          { severity: 'page', long_window: '1h', short_window: '5m', burn_rate: 14.4, burnrate: 1 },
        ],
      }),
      'slos[0].alerts[0].burnrate',
      'unknown_key',
    );
    expect(
      onlyIssue(withReceiver({ timout: '1s' }), 'receivers[0].timout', 'unknown_key'),
    ).toContain('`timeout`');
  });

  it('do not stop the rest of the mapping from being checked', () => {
    const issues = issuesOf(withModel({ treshold: 0.5, threshold: 3 }));
    expect(issues.map((issue) => issue.path)).toEqual([
      'models[0].treshold',
      'models[0].threshold',
    ]);
  });
});
