import type { CalibrationBin } from '@fairwatch/core';
import { PALETTE } from './palette.js';
import { linearScale } from './scales.js';
import { px, svgDocument, svgLabel, svgLine, withTitle } from './svgText.js';

/**
 * A reliability diagram of one group: per score bin, the mean predicted score (x) against the
 * observed share of positives (y) with its interval, point area proportional to the bin's
 * rows; the diagonal is perfect calibration and the overall curve is drawn faintly behind.
 */
export interface ReliabilityDiagramInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bins: readonly CalibrationBin[];
  /** The overall curve, drawn behind for comparison; null for the overall diagram itself. */
  readonly reference: readonly CalibrationBin[] | null;
  /** The caption above the plot, e.g. "race=Black, n 4,685, ECE 0.012". */
  readonly heading: string;
  readonly insufficient: boolean;
}

const SIZE = 230;
const LEFT = 34;
const TOP = 22;
const PLOT = 170;
const MAX_RADIUS = 7;

export function reliabilityDiagram(input: ReliabilityDiagramInput): string {
  const x = linearScale([0, 1], [LEFT, LEFT + PLOT], 5);
  const y = linearScale([0, 1], [TOP + PLOT, TOP], 5);
  const body: string[] = [
    svgLabel(4, 13, input.heading, { class: input.insufficient ? 'head flagged' : 'head' }),
    `<rect x="${LEFT}" y="${TOP}" width="${PLOT}" height="${PLOT}" fill="none" stroke="${PALETTE.grey}"/>`,
  ];
  for (const tick of x.ticks) {
    body.push(
      svgLine(x.at(tick), TOP + PLOT, x.at(tick), TOP + PLOT + 4, { stroke: PALETTE.grey }),
      svgLabel(x.at(tick), TOP + PLOT + 14, String(tick), {
        'text-anchor': 'middle',
        class: 'tick',
      }),
      svgLine(LEFT - 4, y.at(tick), LEFT, y.at(tick), { stroke: PALETTE.grey }),
      svgLabel(LEFT - 6, y.at(tick) + 3, String(tick), { 'text-anchor': 'end', class: 'tick' }),
    );
  }
  body.push(
    svgLabel(LEFT + PLOT / 2, SIZE - 4, 'mean predicted score', {
      'text-anchor': 'middle',
      class: 'tick',
    }),
    svgLabel(10, TOP + PLOT / 2, 'observed positive rate', {
      'text-anchor': 'middle',
      class: 'tick',
      transform: `rotate(-90 10 ${px(TOP + PLOT / 2)})`,
    }),
    svgLine(x.at(0), y.at(0), x.at(1), y.at(1), {
      stroke: PALETTE.grey,
      'stroke-dasharray': '4 3',
    }),
  );
  if (input.reference) {
    const path = curve(input.reference, x.at, y.at);
    if (path)
      body.push(`<path d="${path}" fill="none" stroke="${PALETTE.lightGrey}" stroke-width="2.5"/>`);
  }
  const colour = input.insufficient ? PALETTE.grey : PALETTE.vermillion;
  const path = curve(input.bins, x.at, y.at);
  if (path) body.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.2"/>`);
  const largest = Math.max(1, ...input.bins.map((b) => b.n));
  for (const bin of input.bins) {
    if (bin.mean_score === null || bin.observed_rate.value === null) continue;
    const cx = x.at(bin.mean_score);
    const cy = y.at(bin.observed_rate.value);
    const parts: string[] = [];
    if (bin.observed_rate.ci) {
      parts.push(
        svgLine(cx, y.at(bin.observed_rate.ci[0]), cx, y.at(bin.observed_rate.ci[1]), {
          stroke: colour,
          'stroke-width': '1',
        }),
      );
    }
    // Area, not radius, proportional to rows, with a floor so a one-row bin stays visible.
    const radius = Math.max(1.8, MAX_RADIUS * Math.sqrt(bin.n / largest));
    parts.push(
      `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(radius)}" fill="${input.insufficient ? '#ffffff' : colour}" fill-opacity="0.85" stroke="${PALETTE.ink}" stroke-width="0.6"/>`,
    );
    body.push(withTitle(parts.join(''), binCaption(bin)));
  }
  return svgDocument({
    id: input.id,
    width: SIZE,
    height: SIZE,
    title: input.title,
    description: input.description,
    body,
    className: 'chart reliability',
  });
}

/** "scores 0.2-0.3: mean 0.248, observed 0.278 [0.264, 0.293], n 3670" */
export function binCaption(bin: CalibrationBin): string {
  const observed = bin.observed_rate;
  const range = `scores ${bin.low.toFixed(1)}-${bin.high.toFixed(1)}`;
  if (bin.mean_score === null || observed.value === null) return `${range}: no rows`;
  const ci = observed.ci ? ` [${observed.ci[0].toFixed(3)}, ${observed.ci[1].toFixed(3)}]` : '';
  return `${range}: mean score ${bin.mean_score.toFixed(3)}, observed ${observed.value.toFixed(3)}${ci}, n ${Number.isInteger(bin.n) ? bin.n : bin.n.toFixed(1)}`;
}

function curve(
  bins: readonly CalibrationBin[],
  atX: (v: number) => number,
  atY: (v: number) => number,
): string | null {
  const points = bins.flatMap((bin) =>
    bin.mean_score === null || bin.observed_rate.value === null
      ? []
      : [`${px(atX(bin.mean_score))} ${px(atY(bin.observed_rate.value))}`],
  );
  return points.length < 2 ? null : `M${points.join(' L')}`;
}
