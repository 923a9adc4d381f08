import { formatEstimate } from '../format.js';
import { linearScale } from './scale.js';

interface Props {
  readonly value: number | null;
  readonly ci: readonly [number, number] | null;
  readonly band: readonly [number, number];
  readonly measure: 'difference' | 'ratio';
  readonly label: string;
}

const WIDTH = 220;
const HEIGHT = 26;

/**
 * A disparity as a point and its interval against the allowed band (shaded). Ratios are drawn
 * on a log axis so 0.8 and 1.25 sit at the same distance from 1.
 */
export function IntervalBar({ value, ci, band, measure, label }: Props) {
  const t = measure === 'ratio' ? (x: number) => Math.log(Math.max(x, 1e-6)) : (x: number) => x;
  const neutral = measure === 'ratio' ? 1 : 0;
  const points = [band[0], band[1], neutral, ...(ci ?? []), ...(value === null ? [] : [value])];
  const low = Math.min(...points.map(t));
  const high = Math.max(...points.map(t));
  const pad = (high - low) * 0.08 || 0.1;
  const x = linearScale([low - pad, high + pad], [6, WIDTH - 6]);
  const description = `${label}: ${formatEstimate(value, ci)}; allowed band ${String(band[0])} to ${String(band[1])}`;
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={description} class="interval-bar">
      <title>{description}</title>
      <rect
        x={x(t(band[0]))}
        y={3}
        width={x(t(band[1])) - x(t(band[0]))}
        height={HEIGHT - 6}
        class="band"
      />
      <line x1={x(t(neutral))} x2={x(t(neutral))} y1={1} y2={HEIGHT - 1} class="neutral" />
      {ci !== null && (
        <line x1={x(t(ci[0]))} x2={x(t(ci[1]))} y1={HEIGHT / 2} y2={HEIGHT / 2} class="whisker" />
      )}
      {value !== null && <circle cx={x(t(value))} cy={HEIGHT / 2} r={4} class="estimate" />}
    </svg>
  );
}
