/** Maps data values to drawing coordinates along one axis, with the ticks worth labelling. */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly at: (value: number) => number;
  readonly ticks: readonly number[];
}

/** A linear scale from `domain` onto the pixel `range`, with about `tickCount` round ticks. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  tickCount = 4,
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return {
    domain,
    at: (value) => r0 + ((value - d0) / span) * (r1 - r0),
    ticks: niceTicks(d0, d1, tickCount),
  };
}

/**
 * A logarithmic scale for ratios, so that 0.8 and 1.25 (= 1 / 0.8) sit at equal distances
 * from 1. The domain must be positive.
 */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const l0 = Math.log(d0);
  const span = Math.log(d1) - l0 || 1;
  return {
    domain,
    at: (value) => r0 + ((Math.log(value) - l0) / span) * (r1 - r0),
    ticks: RATIO_TICKS.filter((t) => t >= d0 && t <= d1),
  };
}

const RATIO_TICKS = [0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 10];

/**
 * Round tick values (1, 2 or 5 times a power of ten apart) inside [low, high], about `count`
 * intervals' worth.
 */
export function niceTicks(low: number, high: number, count: number): number[] {
  if (!(high > low) || count < 1) return [low];
  const rough = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  // The nearest of 1, 2, 5, 10 times the power, on a log scale (d3's rule: the thresholds are
  // the geometric means sqrt(2), sqrt(10), sqrt(50)).
  const error = rough / power;
  const step =
    power *
    (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
  const ticks: number[] = [];
  // Multiples of the step, computed from integers so 0.1 * 3 prints as 0.3.
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + 1e-9 * step; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}
