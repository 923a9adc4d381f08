import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/telemetry/registry.js';

describe('bounded cardinality', () => {
  it('stops creating series at maxSeries and counts each refused update per family', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter({
      name: 'requests_total',
      help: 'x',
      labelNames: ['path'],
      maxSeries: 2,
    });
    counter.inc({ path: '/a' });
    counter.inc({ path: '/b' });
    counter.inc({ path: '/c' });
    counter.inc({ path: '/d' }, 5);
    // Existing series still update after the bound is reached.
    counter.inc({ path: '/a' });
    const text = registry.render();
    expect(text).toContain('requests_total{path="/a"} 2\nrequests_total{path="/b"} 1\n');
    expect(text).not.toContain('/c');
    expect(text).not.toContain('/d');
    expect(text).toContain('fairwatch_metric_series_dropped_total{family="requests_total"} 2\n');
  });

  it('bounds gauges and histograms the same way, each family separately', () => {
    const registry = new MetricsRegistry({ defaultMaxSeries: 1 });
    const gauge = registry.gauge({ name: 'g', help: 'x', labelNames: ['k'] });
    const histogram = registry.histogram({ name: 'h', help: 'x', labelNames: ['k'], buckets: [1] });
    gauge.set({ k: '1' }, 1);
    gauge.set({ k: '2' }, 2);
    histogram.observe({ k: '1' }, 0.5);
    histogram.observe({ k: '2' }, 0.5);
    histogram.observe({ k: '3' }, 0.5);
    expect(gauge.get({ k: '2' })).toBeUndefined();
    const dropped = registry
      .collect()
      .find((family) => family.name === 'fairwatch_metric_series_dropped_total')?.samples;
    expect(dropped).toEqual([
      { name: 'fairwatch_metric_series_dropped_total', labels: [['family', 'g']], value: 1 },
      { name: 'fairwatch_metric_series_dropped_total', labels: [['family', 'h']], value: 2 },
    ]);
  });

  it('bounds what a callback gauge reports at each scrape', () => {
    const registry = new MetricsRegistry();
    registry.observableGauge({
      name: 'queue_depth',
      help: 'x',
      labelNames: ['queue'],
      maxSeries: 3,
      collect: (observe) => {
        for (let i = 0; i < 5; i++) observe({ queue: `q${i}` }, i);
      },
    });
    const first = registry.render();
    expect(first.match(/^queue_depth\{/gm)).toHaveLength(3);
    expect(first).toContain('fairwatch_metric_series_dropped_total{family="queue_depth"} 2\n');
    // The next scrape reports afresh: same series, two more refusals.
    const second = registry.render();
    expect(second.match(/^queue_depth\{/gm)).toHaveLength(3);
    expect(second).toContain('fairwatch_metric_series_dropped_total{family="queue_depth"} 4\n');
  });
});
