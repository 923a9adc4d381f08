import type { CalibrationBin } from '../api/types.js';
import { formatEstimate, formatNumber } from '../format.js';
import { linearScale } from './scale.js';

interface Props {
  readonly label: string;
  readonly bins: readonly CalibrationBin[];
  readonly colour: string;
}

const SIZE = 200;
const PAD = 28;

/** Observed positive rate against mean predicted score per bin; the diagonal is perfect calibration. */
export function ReliabilityDiagram({ label, bins, colour }: Props) {
  const s = linearScale([0, 1], [PAD, SIZE - 8]);
  const v = linearScale([0, 1], [SIZE - PAD, 8]);
  const shown = bins.filter(
    (bin) => bin.n > 0 && bin.mean_score !== null && bin.observed_rate.value !== null,
  );
  const largest = Math.max(1, ...shown.map((bin) => bin.n));
  const title = `Reliability diagram for ${label}: ${String(shown.length)} bins with data`;
  return (
    <figure class="small-chart">
      <svg width={SIZE} height={SIZE} role="img" aria-label={title}>
        <title>{title}</title>
        <rect x={PAD} y={8} width={SIZE - PAD - 8} height={SIZE - PAD - 8} class="frame" />
        <line x1={s(0)} y1={v(0)} x2={s(1)} y2={v(1)} class="diagonal" />
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <text x={s(tick)} y={SIZE - PAD + 14} class="tick" text-anchor="middle">
              {tick}
            </text>
            <text x={PAD - 4} y={v(tick) + 4} class="tick" text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {shown.map((bin) => (
          <g key={bin.low}>
            {bin.observed_rate.ci !== null && (
              <line
                x1={s(bin.mean_score!)}
                x2={s(bin.mean_score!)}
                y1={v(bin.observed_rate.ci[0])}
                y2={v(bin.observed_rate.ci[1])}
                stroke={colour}
                class="whisker"
              />
            )}
            <circle
              cx={s(bin.mean_score!)}
              cy={v(bin.observed_rate.value!)}
              r={2 + 4 * Math.sqrt(bin.n / largest)}
              fill={colour}
            >
              <title>{`scores ${formatNumber(bin.low, 1)}–${formatNumber(bin.high, 1)}: mean score ${formatNumber(bin.mean_score)}, observed ${formatEstimate(bin.observed_rate.value, bin.observed_rate.ci)}, n=${String(bin.n)}`}</title>
            </circle>
          </g>
        ))}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
