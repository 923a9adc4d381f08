import { describe, expect, it } from 'vitest';
import { linearScale, logScale, niceTicks } from '../../../src/report/svg/scales.js';

describe('scales', () => {
  it('maps a linear domain onto the range, reversed ranges included', () => {
    const x = linearScale([0, 1], [10, 110]);
    expect(x.at(0.25)).toBe(35);
    const y = linearScale([0, 1], [200, 0]);
    expect(y.at(0.75)).toBe(50);
  });

  it('puts 0.8 and 1.25 at equal distances from 1 on the ratio scale', () => {
    const x = logScale([0.5, 2], [0, 200]);
    expect(x.at(1)).toBeCloseTo(100, 10);
    expect(x.at(1) - x.at(0.8)).toBeCloseTo(x.at(1.25) - x.at(1), 10);
    expect(x.ticks).toEqual([0.5, 0.8, 1, 1.25, 2]);
  });

  it.each([
    [0, 1, 4, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.17, 0.63, 3, [0.2, 0.4, 0.6]],
    [-0.2, 0.45, 4, [-0.2, 0, 0.2, 0.4]],
    [0.3, 0.3, 4, [0.3]],
  ])('ticks %s..%s (about %s) are round and inside: %j', (low, high, count, ticks) => {
    expect(niceTicks(low, high, count)).toEqual(ticks);
  });
});
