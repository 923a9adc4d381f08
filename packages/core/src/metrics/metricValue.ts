import type { Interval } from '../inference/index.js';

/**
 * A metric's value with its confidence interval. An undefined metric (a zero denominator, a
 * group with one class only) is `null` with the reason, never 0.
 */
export interface MetricValue {
  readonly value: number | null;
  readonly ci: Interval | null;
  readonly reason?: string;
}

export function undefinedMetric(reason: string): MetricValue {
  return { value: null, ci: null, reason };
}

export function clampToUnit(interval: Interval): Interval {
  return [Math.max(0, interval[0]), Math.min(1, interval[1])];
}
