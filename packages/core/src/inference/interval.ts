/**
 * A two-sided confidence interval `[low, high]` with `low <= high`.
 *
 * Interval functions return `null` instead of an interval when the estimate itself is undefined
 * (for example a proportion with no trials); they never return NaN bounds for valid input.
 */
export type Interval = readonly [low: number, high: number];
