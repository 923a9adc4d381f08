import type { Interval } from '@fairwatch/core';
import { PALETTE } from './palette.js';
import { linearScale, logScale, type Scale } from './scales.js';
import { px, svgDocument, svgLabel, svgLine } from './svgText.js';

/**
 * A disparity's estimate and interval against what is allowed: a difference against the 0 line,
 * a ratio against the four-fifths band 0.8-1.25 on a log scale (so 0.8 and 1.25 sit at equal
 * distances from 1).
 */
export interface IntervalBarInput {
  readonly id: string;
  readonly kind: 'difference' | 'ratio';
  readonly value: number;
  readonly ci: Interval | null;
  /** The allowed band: [0, 0] for a difference, the four-fifths band for a ratio. */
  readonly band: Interval;
  readonly title: string;
  readonly description: string;
}

const WIDTH = 220;
const HEIGHT = 40;
const MARGIN = 12;
const BAR_Y = 14;
const MIN_TICK_GAP = 28;

export function intervalBar(input: IntervalBarInput): string {
  const scale = barScale(input);
  const [low, high] = input.ci ?? [input.value, input.value];
  const body: string[] = [];
  const [bandLow, bandHigh] = input.band;
  if (bandHigh > bandLow) {
    body.push(
      `<rect x="${px(scale.at(bandLow))}" y="3" width="${px(scale.at(bandHigh) - scale.at(bandLow))}" height="${BAR_Y * 2 - 6}" fill="${PALETTE.band}" stroke="${PALETTE.grey}" stroke-width="0.5" stroke-dasharray="2 2"/>`,
    );
  }
  const neutral = input.kind === 'ratio' ? 1 : 0;
  body.push(
    svgLine(scale.at(neutral), 1, scale.at(neutral), BAR_Y * 2 - 1, {
      stroke: PALETTE.ink,
      'stroke-width': '1',
    }),
  );
  for (const tick of spacedTicks(scale, neutral)) {
    body.push(
      svgLine(scale.at(tick), BAR_Y * 2, scale.at(tick), BAR_Y * 2 + 3, { stroke: PALETTE.grey }),
      svgLabel(scale.at(tick), HEIGHT - 1, tickLabel(tick), {
        'text-anchor': 'middle',
        class: 'tick',
      }),
    );
  }
  const x0 = scale.at(clamp(low, scale));
  const x1 = scale.at(clamp(high, scale));
  body.push(
    svgLine(x0, BAR_Y, x1, BAR_Y, { stroke: PALETTE.vermillion, 'stroke-width': '3' }),
    svgLine(x0, BAR_Y - 5, x0, BAR_Y + 5, { stroke: PALETTE.vermillion, 'stroke-width': '1.5' }),
    svgLine(x1, BAR_Y - 5, x1, BAR_Y + 5, { stroke: PALETTE.vermillion, 'stroke-width': '1.5' }),
    `<circle cx="${px(scale.at(clamp(input.value, scale)))}" cy="${BAR_Y}" r="4" fill="${PALETTE.ink}" stroke="#ffffff" stroke-width="1"/>`,
  );
  return svgDocument({
    id: input.id,
    width: WIDTH,
    height: HEIGHT,
    title: input.title,
    description: input.description,
    body,
    className: 'chart interval-bar',
  });
}

/** Wide enough to hold the interval, the neutral value and the band, with a little air. */
function barScale(input: IntervalBarInput): Scale {
  const [low, high] = input.ci ?? [input.value, input.value];
  const range: [number, number] = [MARGIN, WIDTH - MARGIN];
  if (input.kind === 'ratio') {
    const lo = Math.min(low, input.value, input.band[0]);
    const hi = Math.max(high, input.value, input.band[1]);
    // A ratio of 0 (a group with a zero rate) cannot sit on a log axis: floor it.
    return logScale([Math.max(lo, 0.01) / 1.1, Math.max(hi, 0.011) * 1.1], range);
  }
  // From 0 to the far end of the interval: resolution where the interval is.
  const lo = Math.min(0, low, input.value);
  const hi = Math.max(0, high, input.value);
  const pad = Math.max((hi - lo) * 0.08, 0.005);
  return linearScale([lo - pad, hi + pad], range, 4);
}

/**
 * The ticks that fit without overlapping labels: the neutral value first, then the band's
 * edges, then the rest, each kept only if far enough from those already kept.
 */
function spacedTicks(scale: Scale, neutral: number): number[] {
  const byPriority = [...scale.ticks].sort(
    (a, b) =>
      Number(b === neutral) - Number(a === neutral) ||
      Math.abs(a - neutral) - Math.abs(b - neutral),
  );
  const kept: number[] = [];
  for (const tick of byPriority) {
    if (kept.every((k) => Math.abs(scale.at(k) - scale.at(tick)) >= MIN_TICK_GAP)) kept.push(tick);
  }
  return kept;
}

function clamp(value: number, scale: Scale): number {
  return Math.min(Math.max(value, scale.domain[0]), scale.domain[1]);
}

function tickLabel(tick: number): string {
  return Number(tick.toPrecision(3)).toString();
}
