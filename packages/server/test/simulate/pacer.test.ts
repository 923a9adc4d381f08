import { describe, expect, it } from 'vitest';
import { dueTime } from '../../src/simulate/pacer.js';

describe('dueTime', () => {
  const pace = { simulatedStartMs: 1_000_000, realStartMs: 50, speedup: 60 };

  it('maps simulated time to real time at the speedup', () => {
    expect(dueTime(pace, 1_000_000)).toBe(50);
    expect(dueTime(pace, 1_000_000 + 3_600_000)).toBe(50 + 60_000);
    expect(dueTime(pace, 1_000_000 + 60)).toBe(51);
  });

  it('runs in real time at speedup 1 and slower below it', () => {
    expect(dueTime({ ...pace, speedup: 1 }, 1_002_500)).toBe(2550);
    expect(dueTime({ ...pace, speedup: 0.5 }, 1_002_500)).toBe(5050);
  });

  it('makes everything due at once at speedup Infinity', () => {
    expect(dueTime({ ...pace, speedup: Infinity }, 9_999_999_999)).toBe(50);
  });
});
