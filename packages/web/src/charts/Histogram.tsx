import { formatNumber } from '../format.js';
import { linearScale } from './scale.js';

export interface HistogramSeries {
  readonly label: string;
  readonly colour: string;
  readonly counts: readonly number[];
}

interface Props {
  readonly title: string;
  /** Bin edges: counts[i] covers [edges[i], edges[i+1]). */
  readonly edges: readonly number[];
  readonly series: readonly HistogramSeries[];
}

const WIDTH = 300;
const HEIGHT = 150;
const PAD = { left: 8, right: 8, top: 8, bottom: 22 };

/**
 * Distributions as shares of each series' total, side by side per bin, so a small group's shape
 * compares with a large group's.
 */
export function Histogram({ title, edges, series }: Props) {
  const bins = Math.max(0, edges.length - 1);
  const shares = series.map((line) => {
    const total = line.counts.reduce((sum, count) => sum + count, 0);
    return line.counts.map((count) => (total > 0 ? count / total : 0));
  });
  const top = Math.max(0.01, ...shares.flat());
  const x = linearScale([0, bins], [PAD.left, WIDTH - PAD.right]);
  const y = linearScale([0, top], [HEIGHT - PAD.bottom, PAD.top]);
  const slot = (x(1) - x(0)) / Math.max(1, series.length);
  const totals = series.map((line) => line.counts.reduce((sum, count) => sum + count, 0));
  return (
    <figure class="small-chart">
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={title}>
        <title>{title}</title>
        {shares.map((line, s) =>
          line.map((share, bin) => (
            <rect
              key={`${String(s)}-${String(bin)}`}
              x={x(bin) + s * slot}
              y={y(share)}
              width={Math.max(1, slot - 1)}
              height={y(0) - y(share)}
              fill={series[s]!.colour}
            >
              <title>{`${series[s]!.label}, ${formatNumber(edges[bin] ?? 0, 2)}–${formatNumber(edges[bin + 1] ?? 0, 2)}: ${String(series[s]!.counts[bin] ?? 0)} (${(share * 100).toFixed(1)}%)`}</title>
            </rect>
          )),
        )}
        <text x={PAD.left} y={HEIGHT - 6} class="tick">
          {formatNumber(edges[0] ?? 0, 2)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} class="tick" text-anchor="end">
          {formatNumber(edges[edges.length - 1] ?? 0, 2)}
        </text>
      </svg>
      <figcaption>
        {title}:{' '}
        {series.map((line, s) => (
          <span key={line.label} class="legend">
            <span class="swatch" style={{ background: line.colour }} aria-hidden="true" />
            {line.label} (n={String(totals[s] ?? 0)})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
