import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/telemetry/registry.js';

describe('MetricsRegistry', () => {
  it('renders a small registry exactly, families sorted by name and series by label values', () => {
    const registry = new MetricsRegistry();
    const events = registry.counter({
      name: 'fairwatch_events_total',
      help: 'Events accepted.',
      labelNames: ['kind', 'model'],
    });
    const lag = registry.gauge({ name: 'fairwatch_label_lag_seconds', help: 'Label lag.' });
    const latency = registry.histogram({
      name: 'fairwatch_ingest_seconds',
      help: 'Ingest batch latency.',
      buckets: [0.1, 1],
    });
    registry.observableGauge({
      name: 'fairwatch_open_alerts',
      help: 'Open alerts by severity.',
      labelNames: ['severity'],
      collect: (observe) => {
        observe({ severity: 'ticket' }, 3);
        observe({ severity: 'page' }, 1);
      },
    });
    events.inc({ kind: 'prediction', model: 'credit' }, 5);
    events.inc({ kind: 'outcome', model: 'credit' });
    events.inc({ kind: 'prediction', model: 'credit' });
    lag.set({}, 42.5);
    latency.observe({}, 0.05);
    latency.observe({}, 0.5);
    latency.observe({}, 3);

    expect(registry.render()).toBe(
      [
        '# HELP fairwatch_events_total Events accepted.',
        '# TYPE fairwatch_events_total counter',
        'fairwatch_events_total{kind="outcome",model="credit"} 1',
        'fairwatch_events_total{kind="prediction",model="credit"} 6',
        '# HELP fairwatch_ingest_seconds Ingest batch latency.',
        '# TYPE fairwatch_ingest_seconds histogram',
        'fairwatch_ingest_seconds_bucket{le="0.1"} 1',
        'fairwatch_ingest_seconds_bucket{le="1"} 2',
        'fairwatch_ingest_seconds_bucket{le="+Inf"} 3',
        'fairwatch_ingest_seconds_sum 3.55',
        'fairwatch_ingest_seconds_count 3',
        '# HELP fairwatch_label_lag_seconds Label lag.',
        '# TYPE fairwatch_label_lag_seconds gauge',
        'fairwatch_label_lag_seconds 42.5',
        '# HELP fairwatch_metric_collect_errors_total Scrapes at which a callback-collected metric family threw.',
        '# TYPE fairwatch_metric_collect_errors_total counter',
        '# HELP fairwatch_metric_series_dropped_total Updates refused because their metric family already had its maximum number of series.',
        '# TYPE fairwatch_metric_series_dropped_total counter',
        '# HELP fairwatch_open_alerts Open alerts by severity.',
        '# TYPE fairwatch_open_alerts gauge',
        'fairwatch_open_alerts{severity="page"} 1',
        'fairwatch_open_alerts{severity="ticket"} 3',
        '',
      ].join('\n'),
    );
  });

  it('renders the same text whatever order families were registered and updated in', () => {
    const build = (reverse: boolean): string => {
      const registry = new MetricsRegistry();
      const names = reverse ? ['b_gauge', 'a_gauge'] : ['a_gauge', 'b_gauge'];
      const gauges = names.map((name) => registry.gauge({ name, help: name, labelNames: ['x'] }));
      const updates = reverse ? ['x', 'y', 'z'] : ['z', 'y', 'x'];
      for (const x of updates)
        for (const gauge of gauges) gauge.set({ x }, gauge.name === 'a_gauge' ? 1 : 2);
      return registry.render();
    };
    expect(build(true)).toBe(build(false));
  });

  it('exports an unlabelled counter as 0 before its first increment', () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'x_total', help: 'x' });
    expect(registry.render()).toContain('\nx_total 0\n');
  });

  it('ignores a negative or non-finite counter increment instead of throwing', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter({ name: 'x_total', help: 'x' });
    counter.inc({}, 2);
    counter.inc({}, -1);
    counter.inc({}, Number.NaN);
    counter.inc({}, Infinity);
    expect(counter.get({})).toBe(2);
  });

  it('moves a gauge up and down', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge({ name: 'inflight', help: 'x', labelNames: ['receiver'] });
    gauge.inc({ receiver: 'pager' });
    gauge.inc({ receiver: 'pager' }, 2);
    gauge.dec({ receiver: 'pager' });
    expect(gauge.get({ receiver: 'pager' })).toBe(2);
    expect(gauge.get({ receiver: 'other' })).toBeUndefined();
  });

  it('renders special values as NaN, +Inf and -Inf', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge({ name: 'g', help: 'x', labelNames: ['v'] });
    gauge.set({ v: 'a' }, Number.NaN);
    gauge.set({ v: 'b' }, Infinity);
    gauge.set({ v: 'c' }, -Infinity);
    gauge.set({ v: 'd' }, 1e21);
    gauge.set({ v: 'e' }, -0.000001);
    expect(registry.render()).toContain(
      [
        'g{v="a"} NaN',
        'g{v="b"} +Inf',
        'g{v="c"} -Inf',
        'g{v="d"} 1e+21',
        'g{v="e"} -0.000001',
      ].join('\n'),
    );
  });

  it('counts a callback gauge that throws and renders no samples for it', () => {
    const registry = new MetricsRegistry();
    registry.observableGauge({
      name: 'broken',
      help: 'x',
      collect: (observe) => {
        observe({}, 1);
        throw new Error('store closed');
      },
    });
    const text = registry.render();
    expect(text).not.toMatch(/^broken /m);
    expect(text).toContain('fairwatch_metric_collect_errors_total{family="broken"} 1');
  });

  describe('registration fails fast', () => {
    const registry = new MetricsRegistry();
    registry.gauge({ name: 'taken', help: 'x' });

    it.each([
      ['an invalid metric name', () => registry.gauge({ name: '1bad', help: 'x' })],
      ['a duplicate name', () => registry.gauge({ name: 'taken', help: 'x' })],
      ['a counter without _total', () => registry.counter({ name: 'events', help: 'x' })],
      [
        'an invalid label name',
        () => registry.gauge({ name: 'a', help: 'x', labelNames: ['a-b'] }),
      ],
      [
        'a reserved label name',
        () => registry.gauge({ name: 'b', help: 'x', labelNames: ['__x'] }),
      ],
      [
        'a repeated label name',
        () => registry.gauge({ name: 'c', help: 'x', labelNames: ['x', 'x'] }),
      ],
      [
        'a histogram label named le',
        () => registry.histogram({ name: 'd', help: 'x', labelNames: ['le'] }),
      ],
      ['unsorted buckets', () => registry.histogram({ name: 'e', help: 'x', buckets: [1, 0.5] })],
      ['repeated buckets', () => registry.histogram({ name: 'f', help: 'x', buckets: [1, 1] })],
      [
        'an infinite bucket',
        () => registry.histogram({ name: 'g', help: 'x', buckets: [Infinity] }),
      ],
      ['no buckets', () => registry.histogram({ name: 'h', help: 'x', buckets: [] })],
      ['a zero series bound', () => registry.gauge({ name: 'i', help: 'x', maxSeries: 0 })],
    ])('on %s', (_, register) => {
      expect(register).toThrow();
    });
  });
});
