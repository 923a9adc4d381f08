import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/index.js';
import { onlyIssue, validConfig, withTop } from './configFixtures.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['0s', 0],
    ['1500', 1500],
    ['05m', 300_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'm', '1.5h', '-5m', '1h30m', '30 s', ' 30s', '1H', '3mo', '1y', '1e3', 'PT1H'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('rejects a duration too long to count exactly in milliseconds', () => {
    expect(parseDuration('99999999999999w')).toBeNull();
    expect(parseDuration('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseDuration('9007199254740992')).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [1500, '1500ms'],
    [30_000, '30s'],
    [90_000, '90s'],
    [300_000, '5m'],
    [3_600_000, '1h'],
    [5_400_000, '90m'],
    [86_400_000, '1d'],
    [28 * 86_400_000, '28d'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [0, 1, 999, 1000, 59_999, 60_000, 7_200_000, 86_399_999, 604_800_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });

  it('throws a RangeError for a negative or fractional number of milliseconds', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(1.5)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});

describe('duration fields', () => {
  it('take text with a unit or an integer number of milliseconds', () => {
    const config = validConfig(withTop({ server: { evaluation_interval: 45_000, bucket: '10s' } }));
    expect(config.server.evaluationIntervalMs).toBe(45_000);
    expect(config.server.bucketMs).toBe(10_000);
  });

  it('explain the format when the text is not a duration', () => {
    const message = onlyIssue(
      withTop({ server: { evaluation_interval: '1.5m' } }),
      'server.evaluation_interval',
      'invalid_format',
    );
    expect(message).toContain('30s, 5m, 1h or 7d');
    expect(message).toContain('"1.5m"');
  });

  it('reject a fractional or negative number of milliseconds', () => {
    onlyIssue(withTop({ server: { outcome_hold: 1.5 } }), 'server.outcome_hold', 'invalid_format');
    onlyIssue(withTop({ server: { outcome_hold: -1 } }), 'server.outcome_hold', 'invalid_format');
  });

  it('reject a value that is neither text nor a number', () => {
    onlyIssue(withTop({ server: { outcome_hold: ['7d'] } }), 'server.outcome_hold', 'invalid_type');
  });

  it('reject zero unless the field allows it', () => {
    expect(
      onlyIssue(withTop({ server: { outcome_hold: '0s' } }), 'server.outcome_hold', 'too_small'),
    ).toBe('must be longer than 0');
    expect(validConfig(withTop({ server: { max_future_skew: '0s' } })).server.maxFutureSkewMs).toBe(
      0,
    );
    expect(validConfig(withTop({ alerting: { group_wait: 0 } })).alerting.groupWaitMs).toBe(0);
  });
});
