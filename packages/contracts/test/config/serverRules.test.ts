import { describe, expect, it } from 'vitest';
import { issuesOf, onlyIssue, validConfig, withTop } from './configFixtures.js';

describe('server', () => {
  it('reads listen as host and port, IPv6 in brackets', () => {
    expect(validConfig(withTop({ server: { listen: 'localhost:0' } })).server.listen).toEqual({
      host: 'localhost',
      port: 0,
    });
    expect(validConfig(withTop({ server: { listen: '[::1]:8080' } })).server.listen).toEqual({
      host: '::1',
      port: 8080,
    });
  });

  it.each(['8080', ':8080', 'localhost', 'localhost:65536', 'http://localhost:8080', '::1:8080'])(
    'rejects listen %j',
    (listen) => {
      onlyIssue(withTop({ server: { listen } }), 'server.listen', 'invalid_format');
    },
  );

  it('derives public_url from listen, with loopback for a wildcard address', () => {
    const url = (listen: string): string =>
      validConfig(withTop({ server: { listen } })).server.publicUrl;
    expect(url('fairwatch.internal:8080')).toBe('http://fairwatch.internal:8080');
    expect(url('0.0.0.0:9000')).toBe('http://127.0.0.1:9000');
    expect(url('[::]:9000')).toBe('http://[::1]:9000');
  });

  it('keeps a public_url path and drops its trailing slash', () => {
    expect(
      validConfig(withTop({ server: { public_url: 'https://example.com/fairwatch/' } })).server
        .publicUrl,
    ).toBe('https://example.com/fairwatch');
  });

  it('rejects a public_url that is not http(s)', () => {
    onlyIssue(
      withTop({ server: { public_url: 'example.com' } }),
      'server.public_url',
      'invalid_format',
    );
    onlyIssue(
      withTop({ server: { public_url: 'ftp://example.com' } }),
      'server.public_url',
      'invalid_format',
    );
  });

  it('rejects an empty store', () => {
    onlyIssue(withTop({ server: { store: '' } }), 'server.store', 'missing');
  });

  it('accepts a bucket that divides one hour and rejects one that does not', () => {
    expect(validConfig(withTop({ server: { bucket: '15m' } })).server.bucketMs).toBe(900_000);
    expect(onlyIssue(withTop({ server: { bucket: '7m' } }), 'server.bucket', 'invalid_value')).toBe(
      'must divide 1h evenly (such as 10s, 1m, 5m, 15m or 1h), got 7m',
    );
    onlyIssue(withTop({ server: { bucket: '2h' } }), 'server.bucket', 'invalid_value');
  });

  it('takes max_body_bytes as a positive integer', () => {
    onlyIssue(withTop({ server: { max_body_bytes: 0 } }), 'server.max_body_bytes', 'too_small');
    onlyIssue(
      withTop({ server: { max_body_bytes: 1.5 } }),
      'server.max_body_bytes',
      'invalid_type',
    );
    onlyIssue(
      withTop({ server: { max_body_bytes: '10MiB' } }),
      'server.max_body_bytes',
      'invalid_type',
    );
  });

  it('rejects a server section that is not a mapping', () => {
    onlyIssue(withTop({ server: ['listen'] }), 'server', 'invalid_type');
  });
});

describe('retention', () => {
  it('keeps raw events at least as long as an outcome may wait', () => {
    expect(
      onlyIssue(
        withTop({ retention: { raw_events: '3d' } }),
        'retention.raw_events',
        'inconsistent',
      ),
    ).toContain('at least server.outcome_hold (7d)');
    onlyIssue(withTop({ server: { outcome_hold: '40d' } }), 'retention.raw_events', 'inconsistent');
    expect(
      validConfig(withTop({ server: { outcome_hold: '3d' }, retention: { raw_events: '3d' } }))
        .retention.rawEventsMs,
    ).toBe(3 * 86_400_000);
  });

  it('checks raw_events against outcome_hold even when another server key is wrong', () => {
    const raw = withTop({
      server: { listen: 'nope', outcome_hold: '10d' },
      retention: { raw_events: '5d' },
    });
    expect(issuesOf(raw).map((issue) => issue.path)).toEqual([
      'server.listen',
      'retention.raw_events',
    ]);
  });

  it('rejects zero retention', () => {
    onlyIssue(withTop({ retention: { day_buckets: '0d' } }), 'retention.day_buckets', 'too_small');
  });
});

describe('privacy', () => {
  it('takes min_cell_size as an integer of at least 1', () => {
    expect(validConfig(withTop({ privacy: { min_cell_size: 1 } })).privacy.minCellSize).toBe(1);
    onlyIssue(withTop({ privacy: { min_cell_size: 0 } }), 'privacy.min_cell_size', 'too_small');
    onlyIssue(
      withTop({ privacy: { min_cell_size: '10' } }),
      'privacy.min_cell_size',
      'invalid_type',
    );
  });
});

describe('alerting', () => {
  it('rejects zero group and repeat intervals', () => {
    onlyIssue(
      withTop({ alerting: { group_interval: '0s' } }),
      'alerting.group_interval',
      'too_small',
    );
    onlyIssue(
      withTop({ alerting: { repeat_interval: 0 } }),
      'alerting.repeat_interval',
      'too_small',
    );
  });
});
