import { formatEstimate, formatTime } from '../format.js';
import { extent, linearScale, niceTicks } from './scale.js';

export interface SeriesPointValue {
  readonly t: number;
  readonly value: number | null;
  readonly ci: readonly [number, number] | null;
  readonly n: number;
}

export interface LineSeries {
  readonly label: string;
  readonly colour: string;
  readonly points: readonly SeriesPointValue[];
  /** Emphasised series get an interval band; the others are thin context lines. */
  readonly emphasis: boolean;
}

export interface Marker {
  readonly t: number;
  readonly label: string;
}

interface Props {
  readonly title: string;
  readonly series: readonly LineSeries[];
  readonly markers: readonly Marker[];
  readonly from: number;
  readonly to: number;
  readonly yLabel: string;
}

const WIDTH = 760;
const HEIGHT = 280;
const MARGIN = { left: 48, right: 16, top: 14, bottom: 30 };

/** Rates over time with their interval bands and deployment markers. */
export function TimeSeriesChart({ title, series, markers, from, to, yLabel }: Props) {
  const values: number[] = [];
  for (const line of series) {
    for (const point of line.points) {
      if (point.value !== null) values.push(point.value);
      if (line.emphasis && point.ci !== null) values.push(point.ci[0], point.ci[1]);
    }
  }
  const [yLow, yHigh] = extent(values, 0.08);
  const x = linearScale([from, to], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale(
    [Math.max(0, yLow), Math.min(1, yHigh)],
    [HEIGHT - MARGIN.bottom, MARGIN.top],
  );
  const yTicks = niceTicks(y.domain[0], y.domain[1], 5);
  const xTicks = niceTicks(from, to, 6);
  const path = (points: readonly SeriesPointValue[]): string => {
    let d = '';
    let pen = false;
    for (const point of points) {
      if (point.value === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(point.t).toFixed(1)},${y(point.value).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const band = (points: readonly SeriesPointValue[]): string => {
    const withCi = points.filter((point) => point.ci !== null);
    if (withCi.length < 2) return '';
    const upper = withCi.map((p) => `${x(p.t).toFixed(1)},${y(p.ci![1]).toFixed(1)}`);
    const lower = withCi.map((p) => `${x(p.t).toFixed(1)},${y(p.ci![0]).toFixed(1)}`).reverse();
    return `M${upper.join('L')}L${lower.join('L')}Z`;
  };
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="img" aria-label={title}>
        <title>{title}</title>
        {yTicks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              class="grid"
            />
            <text x={MARGIN.left - 6} y={y(tick) + 4} class="tick" text-anchor="end">
              {tick.toFixed(2)}
            </text>
          </g>
        ))}
        {xTicks.slice(0, 7).map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - 10} class="tick" text-anchor="middle">
            {formatTime(tick).slice(5, 16)}
          </text>
        ))}
        <text
          x={12}
          y={MARGIN.top + 4}
          class="axis-label"
          transform={`rotate(-90 12 ${String(MARGIN.top + 60)})`}
        >
          {yLabel}
        </text>
        {series
          .filter((line) => line.emphasis)
          .map((line) => (
            <path
              key={`band-${line.label}`}
              d={band(line.points)}
              fill={line.colour}
              class="ci-band"
            />
          ))}
        {series.map((line) => (
          <path
            key={line.label}
            d={path(line.points)}
            stroke={line.colour}
            class={line.emphasis ? 'line emphasis' : 'line context'}
          >
            <title>{line.label}</title>
          </path>
        ))}
        {series
          .filter((line) => line.emphasis)
          .flatMap((line) =>
            line.points
              .filter((point) => point.value !== null)
              .map((point) => (
                <circle
                  key={`${line.label}-${String(point.t)}`}
                  cx={x(point.t)}
                  cy={y(point.value!)}
                  r={2.5}
                  fill={line.colour}
                >
                  <title>{`${line.label} at ${formatTime(point.t)}: ${formatEstimate(point.value, point.ci)}, n=${String(point.n)}`}</title>
                </circle>
              )),
          )}
        {markers
          .filter((marker) => marker.t >= from && marker.t <= to)
          .map((marker) => (
            <g key={`${marker.label}-${String(marker.t)}`} class="marker">
              <line x1={x(marker.t)} x2={x(marker.t)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
              <text x={x(marker.t) + 4} y={MARGIN.top + 10}>
                {marker.label}
              </text>
              <title>{`${marker.label} at ${formatTime(marker.t)}`}</title>
            </g>
          ))}
      </svg>
      <figcaption>
        {series
          .filter((line) => line.emphasis)
          .map((line) => (
            <span key={line.label} class="legend">
              <span class="swatch" style={{ background: line.colour }} aria-hidden="true" />
              {line.label}
            </span>
          ))}
        {series.some((line) => !line.emphasis) && (
          <span class="legend muted">thin lines: other groups</span>
        )}
        <span class="legend muted">shaded: 95% intervals; dashed: deployments</span>
      </figcaption>
    </figure>
  );
}
