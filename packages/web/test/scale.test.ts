import { describe, expect, it } from 'vitest';
import { extent, linearScale, niceTicks } from '../src/charts/scale.js';

describe('chart scales', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const y = linearScale([0, 1], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(0.25)).toBe(75);
    expect(y(1)).toBe(0);
  });

  it('gives round ticks inside the domain', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.07, 0.23, 4)).toEqual([0.1, 0.15, 0.2]);
  });

  it('never returns an empty extent', () => {
    expect(extent([])).toEqual([0, 1]);
    const [low, high] = extent([0.3, 0.3]);
    expect(high).toBeGreaterThan(low);
  });
});
