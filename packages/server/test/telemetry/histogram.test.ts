import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/telemetry/registry.js';

function samples(registry: MetricsRegistry, name: string): [string, number][] {
  return (registry.collect().find((family) => family.name === name)?.samples ?? []).map(
    (sample) => [
      `${sample.name}{${sample.labels.map(([k, v]) => `${k}=${v}`).join(',')}}`,
      sample.value,
    ],
  );
}

describe('Histogram', () => {
  it('renders cumulative buckets, with +Inf equal to _count', () => {
    const registry = new MetricsRegistry();
    const h = registry.histogram({
      name: 'delivery_seconds',
      help: 'x',
      labelNames: ['receiver'],
      buckets: [0.1, 0.5, 1],
    });
    for (const v of [0.05, 0.1, 0.3, 0.7, 0.9, 2, 10]) h.observe({ receiver: 'pager' }, v);
    expect(samples(registry, 'delivery_seconds')).toEqual([
      ['delivery_seconds_bucket{receiver=pager,le=0.1}', 2],
      ['delivery_seconds_bucket{receiver=pager,le=0.5}', 3],
      ['delivery_seconds_bucket{receiver=pager,le=1}', 5],
      ['delivery_seconds_bucket{receiver=pager,le=+Inf}', 7],
      ['delivery_seconds_sum{receiver=pager}', 14.05],
      ['delivery_seconds_count{receiver=pager}', 7],
    ]);
  });

  it('puts a value equal to a bound in that bucket (le is inclusive)', () => {
    const registry = new MetricsRegistry();
    const h = registry.histogram({ name: 'h', help: 'x', buckets: [1, 2] });
    h.observe({}, 1);
    h.observe({}, 2);
    expect(samples(registry, 'h').slice(0, 3)).toEqual([
      ['h_bucket{le=1}', 1],
      ['h_bucket{le=2}', 2],
      ['h_bucket{le=+Inf}', 2],
    ]);
  });

  it('keeps buckets cumulative for every series over many random observations', () => {
    const registry = new MetricsRegistry();
    const buckets = [0.001, 0.01, 0.1, 1, 10];
    const h = registry.histogram({ name: 'h', help: 'x', labelNames: ['s'], buckets });
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const values: Record<string, number[]> = { a: [], b: [] };
    for (let i = 0; i < 2000; i++) {
      const s = i % 3 === 0 ? 'a' : 'b';
      const v = 10 ** (random() * 6 - 4);
      values[s]?.push(v);
      h.observe({ s }, v);
    }
    for (const s of ['a', 'b']) {
      const observed = values[s] ?? [];
      const series = samples(registry, 'h').filter(([key]) => key.includes(`s=${s}`));
      const counts = series.slice(0, buckets.length + 1).map(([, v]) => v);
      // Each bucket counts the values <= its bound, so the counts never decrease.
      [...buckets, Infinity].forEach((bound, i) => {
        expect(counts[i]).toBe(observed.filter((v) => v <= bound).length);
      });
      expect(series.at(-1)?.[1]).toBe(observed.length);
      expect(series.at(-2)?.[1]).toBeCloseTo(
        observed.reduce((a, b) => a + b, 0),
        9,
      );
    }
  });

  it('ignores NaN observations and counts infinities in +Inf', () => {
    const registry = new MetricsRegistry();
    const h = registry.histogram({ name: 'h', help: 'x', buckets: [1] });
    h.observe({}, Number.NaN);
    h.observe({}, Infinity);
    h.observe({}, -Infinity);
    expect(samples(registry, 'h')).toEqual([
      ['h_bucket{le=1}', 1],
      ['h_bucket{le=+Inf}', 2],
      ['h_sum{}', Number.NaN],
      ['h_count{}', 2],
    ]);
  });

  it('uses client_golang default buckets when none are given', () => {
    const registry = new MetricsRegistry();
    registry.histogram({ name: 'h', help: 'x' });
    expect(samples(registry, 'h').map(([key]) => key)).toContain('h_bucket{le=0.005}');
    expect(samples(registry, 'h').map(([key]) => key)).toContain('h_bucket{le=10}');
  });
});
