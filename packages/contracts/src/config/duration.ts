/**
 * Durations as fairwatch.yaml writes them: a non-negative integer followed by one unit
 * (`250ms`, `30s`, `5m`, `1h`, `7d`, `2w`), or an integer number of milliseconds. Compound
 * forms (`1h30m`), fractions (`1.5h`) and months or years (not fixed lengths) are not accepted.
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: WEEK_MS,
};

const DURATION = /^(\d+)(ms|s|m|h|d|w)?$/;

/**
 * The duration in milliseconds, or null when `text` is not a duration (or is too long to
 * count exactly in milliseconds). Zero is a duration; whether a field accepts it is the
 * field's rule.
 */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (match === null) return null;
  const [, digits = '', unit = 'ms'] = match;
  const ms = Number(digits) * (UNIT_MS[unit] ?? Number.NaN);
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Units formatDuration writes, largest first. Weeks are left out: `28d` reads better than `4w`. */
const FORMAT_UNITS: readonly (readonly [string, number])[] = [
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
];

/**
 * The shortest exact spelling of `ms` in the largest unit that divides it: 3_600_000 is `1h`,
 * 90_000 is `90s`, 1_500 is `1500ms`, 0 is `0s`. `parseDuration(formatDuration(ms)) === ms`.
 * Throws a RangeError for a negative or non-integer number of milliseconds.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`not a duration in whole milliseconds: ${String(ms)}`);
  }
  if (ms === 0) return '0s';
  for (const [unit, size] of FORMAT_UNITS) {
    if (ms % size === 0) return `${String(ms / size)}${unit}`;
  }
  return `${String(ms)}ms`;
}
