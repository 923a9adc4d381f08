import { extent, linearScale } from './scale.js';

interface Props {
  readonly values: readonly (number | null)[];
  readonly label: string;
  readonly band?: number;
}

const WIDTH = 120;
const HEIGHT = 28;

/** A trend at a glance; the dashed line is the band edge when one applies. */
export function Sparkline({ values, label, band }: Props) {
  const finite = values.filter((value): value is number => value !== null);
  const [low, high] = extent([0, ...finite, ...(band === undefined ? [] : [band])], 0.1);
  const x = linearScale([0, Math.max(1, values.length - 1)], [2, WIDTH - 2]);
  const y = linearScale([low, high], [HEIGHT - 2, 2]);
  let d = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    pen = true;
  });
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label} class="sparkline">
      <title>{label}</title>
      {band !== undefined && <line x1={0} x2={WIDTH} y1={y(band)} y2={y(band)} class="band-edge" />}
      <path d={d} class="line" />
    </svg>
  );
}
