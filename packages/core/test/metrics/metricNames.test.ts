import { describe, expect, it } from 'vitest';
import { METRICS, RATE_METRICS, SCORE_METRICS } from '@fairwatch/core';

describe('metric names', () => {
  it('lists n, the rates, balanced accuracy, F1 and the score metrics once each, in report order', () => {
    expect(METRICS).toEqual(['n', ...RATE_METRICS, 'balanced_accuracy', 'f1', ...SCORE_METRICS]);
    expect(new Set(METRICS).size).toBe(METRICS.length);
    expect(SCORE_METRICS).toEqual(['auc', 'brier', 'ece']);
    expect(RATE_METRICS).toHaveLength(11);
  });
});
