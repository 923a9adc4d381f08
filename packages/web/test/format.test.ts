import { describe, expect, it } from 'vitest';
import { durationMs, formatCohort, formatEstimate, medianLag, stepFor } from '../src/format.js';

describe('dashboard number formats', () => {
  it('shows an estimate with its interval, and an undefined rate as undefined, never 0', () => {
    expect(formatEstimate(0.1036, [0.0796, 0.1277])).toBe('0.104 [0.080, 0.128]');
    expect(formatEstimate(null, null)).toBe('undefined');
    expect(formatEstimate(0.5, null)).toBe('0.500');
  });

  it('names a missing attribute value instead of hiding it', () => {
    expect(formatCohort({ segment: 's02', sex: null })).toBe('segment=s02, sex=(missing)');
    expect(formatCohort({})).toBe('everyone');
  });

  it('reads the median label lag off the histogram bins', () => {
    const bins = [
      { le_seconds: 60, outcomes: 10 },
      { le_seconds: 300, outcomes: 30 },
      { le_seconds: null, outcomes: 5 },
    ];
    expect(medianLag(bins)).toBe('≤ 5m');
    expect(medianLag([{ le_seconds: null, outcomes: 3 }])).toBe('> 30d');
    expect(medianLag([])).toBe('—');
  });

  it('picks a step that keeps a series under the point budget', () => {
    expect(durationMs('6h')).toBe(21_600_000);
    expect(durationMs('6 hours')).toBeNull();
    expect(stepFor(durationMs('1h')!)).toBe('5m');
    expect(stepFor(durationMs('6h')!)).toBe('15m');
    expect(stepFor(durationMs('7d')!)).toBe('6h');
  });
});
