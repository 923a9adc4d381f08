import { extent, linearScale } from './scale.js';

interface Props {
  readonly values: readonly (number | null)[];
  /** Per value, the range to shade around it; null where there is none. */
  readonly ranges?: readonly (readonly [number, number] | null)[];
  readonly label: string;
  readonly band?: number;
}

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A trend at a glance: the line, the shaded range around it where one is given, and a dashed
 * line at the band edge when one applies. A run of points with a range is shaded as one area;
 * a gap in the data breaks both the line and the area.
 */
export function Sparkline({ values, ranges = [], label, band }: Props) {
  const finite = values.filter((value): value is number => value !== null);
  const rangeEnds = ranges.flatMap((range) => (range === null ? [] : [range[0], range[1]]));
  const [low, high] = extent(
    [0, ...finite, ...rangeEnds, ...(band === undefined ? [] : [band])],
    0.1,
  );
  const x = linearScale([0, Math.max(1, values.length - 1)], [2, WIDTH - 2]);
  const y = linearScale([low, high], [HEIGHT - 2, 2]);
  let line = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      pen = false;
      return;
    }
    line += `${pen ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    pen = true;
  });
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label} class="sparkline">
      <title>{label}</title>
      {rangeRuns(values, ranges).map((run) => (
        <path key={run[0]} d={areaPath(run, ranges, x, y)} class="range" />
      ))}
      {band !== undefined && <line x1={0} x2={WIDTH} y1={y(band)} y2={y(band)} class="band-edge" />}
      <path d={line} class="line" />
    </svg>
  );
}

/** Runs of consecutive indices that have both a value and a range. */
function rangeRuns(
  values: readonly (number | null)[],
  ranges: readonly (readonly [number, number] | null)[],
): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((value, index) => {
    if (value !== null && ranges[index]) {
      run.push(index);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The closed area of a run: along the upper ends, then back along the lower ends. */
function areaPath(
  run: readonly number[],
  ranges: readonly (readonly [number, number] | null)[],
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  // A single point still gets a visible sliver, one pixel either side.
  const indices = run.length === 1 ? [run[0]! - 0.25, run[0]! + 0.25] : run;
  const rangeAt = (position: number) => ranges[Math.round(position)]!;
  const upper = indices.map((i) => `${x(i).toFixed(1)},${y(rangeAt(i)[1]).toFixed(1)}`);
  const lower = [...indices]
    .reverse()
    .map((i) => `${x(i).toFixed(1)},${y(rangeAt(i)[0]).toFixed(1)}`);
  return `M${upper.join('L')}L${lower.join('L')}Z`;
}
