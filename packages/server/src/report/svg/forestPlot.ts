import type { Interval } from '@fairwatch/core';
import { PALETTE } from './palette.js';
import { linearScale, type Scale } from './scales.js';
import { px, svgDocument, svgLabel, svgLine, withTitle } from './svgText.js';

/**
 * A forest plot with one panel per metric and one row per group: each group's estimate and
 * interval, the overall value as a dashed reference line, n beside the label. Groups marked
 * insufficient are drawn hollow and labelled, never left out; an undefined value is written
 * out with its reason.
 */
export interface ForestPlotInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly panels: readonly ForestPanel[];
  readonly rows: readonly ForestRow[];
}

export interface ForestPanel {
  readonly title: string;
  /** The dashed reference line (the overall rate), when there is one. */
  readonly reference: number | null;
}

export interface ForestRow {
  readonly label: string;
  readonly n: string;
  /** Drawn hollow and grey, labelled "insufficient"; its interval does not set the axis. */
  readonly insufficient: boolean;
  /** Drawn as a black square: the row the reference line comes from. */
  readonly emphasis: boolean;
  /** One cell per panel. */
  readonly cells: readonly ForestCell[];
}

export interface ForestCell {
  readonly value: number | null;
  readonly ci: Interval | null;
  /** Why the value is undefined. */
  readonly reason?: string;
  /** The hover text of the point (the value in words). */
  readonly caption: string;
}

const ROW_HEIGHT = 22;
const HEADER = 30;
const AXIS = 26;
const PANEL_WIDTH = 150;
const PANEL_GAP = 14;
const N_WIDTH = 64;
const CHAR_WIDTH = 6.6;

export function forestPlot(input: ForestPlotInput): string {
  const labelWidth = Math.min(
    260,
    Math.max(
      90,
      ...input.rows.map((r) => (r.label.length + (r.insufficient ? 15 : 0)) * CHAR_WIDTH),
    ),
  );
  const left = labelWidth + N_WIDTH;
  const width = left + input.panels.length * (PANEL_WIDTH + PANEL_GAP);
  const plotBottom = HEADER + input.rows.length * ROW_HEIGHT;
  const height = plotBottom + AXIS;
  const body: string[] = [];

  input.rows.forEach((row, r) => {
    const y = rowCentre(r);
    if (r % 2 === 1) {
      body.push(
        `<rect x="0" y="${px(y - ROW_HEIGHT / 2)}" width="${px(width)}" height="${ROW_HEIGHT}" fill="#f4f4f4"/>`,
      );
    }
    body.push(
      svgLabel(4, y + 4, row.label, { class: row.emphasis ? 'label strong' : 'label' }),
      svgLabel(left - 8, y + 4, row.n, { 'text-anchor': 'end', class: 'label' }),
    );
    if (row.insufficient) {
      body.push(
        svgLabel(4 + row.label.length * CHAR_WIDTH + 6, y + 4, 'insufficient', { class: 'flag' }),
      );
    }
  });
  body.push(svgLabel(left - 8, HEADER - 10, 'n', { 'text-anchor': 'end', class: 'head' }));

  input.panels.forEach((panel, p) => {
    const x0 = left + p * (PANEL_WIDTH + PANEL_GAP);
    const scale = panelScale(input.rows, p, panel.reference, [x0 + 6, x0 + PANEL_WIDTH - 6]);
    body.push(
      svgLabel(x0 + PANEL_WIDTH / 2, HEADER - 10, panel.title, {
        'text-anchor': 'middle',
        class: 'head',
      }),
    );
    body.push(svgLine(x0, plotBottom, x0 + PANEL_WIDTH, plotBottom, { stroke: PALETTE.grey }));
    for (const tick of scale.ticks) {
      const x = scale.at(tick);
      body.push(
        svgLine(x, HEADER - 4, x, plotBottom, { stroke: PALETTE.lightGrey, 'stroke-width': '0.7' }),
        svgLine(x, plotBottom, x, plotBottom + 4, { stroke: PALETTE.grey }),
        svgLabel(x, plotBottom + 15, String(tick), { 'text-anchor': 'middle', class: 'tick' }),
      );
    }
    if (panel.reference !== null) {
      const x = scale.at(panel.reference);
      body.push(
        svgLine(x, HEADER - 4, x, plotBottom, {
          stroke: PALETTE.ink,
          'stroke-dasharray': '4 3',
          'stroke-width': '1',
        }),
      );
    }
    input.rows.forEach((row, r) => {
      const cell = row.cells[p];
      if (cell) body.push(drawCell(cell, row, scale, rowCentre(r), x0));
    });
  });

  return svgDocument({
    id: input.id,
    width,
    height,
    title: input.title,
    description: input.description,
    body,
    className: 'chart forest',
  });
}

function rowCentre(row: number): number {
  return HEADER + row * ROW_HEIGHT + ROW_HEIGHT / 2;
}

function drawCell(cell: ForestCell, row: ForestRow, scale: Scale, y: number, x0: number): string {
  if (cell.value === null) {
    return withTitle(
      svgLabel(x0 + 4, y - 1, 'undefined', { class: 'undefined' }) +
        svgLabel(x0 + 4, y + 8, `(${shortReason(cell.reason)})`, { class: 'undefined' }),
      cell.caption,
    );
  }
  const colour = row.insufficient ? PALETTE.grey : row.emphasis ? PALETTE.ink : PALETTE.blue;
  const parts: string[] = [];
  if (cell.ci) {
    const [low, high] = cell.ci;
    const [d0, d1] = scale.domain;
    const a = scale.at(Math.max(low, d0));
    const b = scale.at(Math.min(high, d1));
    parts.push(svgLine(a, y, b, y, { stroke: colour, 'stroke-width': '2' }));
    // An interval running off the axis ends in an arrow head instead of a cap.
    parts.push(
      low < d0
        ? arrow(a, y, -1, colour)
        : svgLine(a, y - 4, a, y + 4, { stroke: colour, 'stroke-width': '1.5' }),
    );
    parts.push(
      high > d1
        ? arrow(b, y, 1, colour)
        : svgLine(b, y - 4, b, y + 4, { stroke: colour, 'stroke-width': '1.5' }),
    );
  }
  const [d0, d1] = scale.domain;
  if (cell.value < d0 || cell.value > d1) {
    // Off the axis (a small group): the value is written at the edge it lies beyond.
    const right = cell.value > d1;
    parts.push(
      svgLabel(scale.at(right ? d1 : d0) + (right ? -8 : 8), y - 5, formatValue(cell.value), {
        'text-anchor': right ? 'end' : 'start',
        class: 'tick',
      }),
    );
    return withTitle(parts.join(''), cell.caption);
  }
  const x = scale.at(cell.value);
  parts.push(
    row.emphasis
      ? `<rect x="${px(x - 4)}" y="${px(y - 4)}" width="8" height="8" fill="${colour}"/>`
      : row.insufficient
        ? `<circle cx="${px(x)}" cy="${px(y)}" r="4" fill="#ffffff" stroke="${colour}" stroke-width="1.5"/>`
        : `<circle cx="${px(x)}" cy="${px(y)}" r="4" fill="${colour}"/>`,
  );
  return withTitle(parts.join(''), cell.caption);
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function arrow(x: number, y: number, direction: 1 | -1, colour: string): string {
  const back = x - direction * 6;
  return `<path d="M${px(x)} ${px(y)} L${px(back)} ${px(y - 4)} L${px(back)} ${px(y + 4)} Z" fill="${colour}"/>`;
}

/** "no actual positives (tp + fn = 0)" -> "no actual positives": the panel is narrow. */
function shortReason(reason: string | undefined): string {
  if (reason === undefined) return 'no value';
  const at = reason.indexOf(' (');
  return at > 0 ? reason.slice(0, at) : reason;
}

/**
 * The axis of one panel: spans the estimates and intervals of the groups with enough rows and
 * the reference, padded, within [0, 1]. Small groups' wide intervals and extreme estimates
 * would squash everyone else's, so they run off the edge with an arrow instead.
 */
function panelScale(
  rows: readonly ForestRow[],
  panel: number,
  reference: number | null,
  range: readonly [number, number],
): Scale {
  const values: number[] = reference === null ? [] : [reference];
  for (const row of rows) {
    const cell = row.cells[panel];
    if (!cell || cell.value === null || row.insufficient) continue;
    values.push(cell.value, ...(cell.ci ?? []));
  }
  if (values.length === 0) return linearScale([0, 1], range, 4);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.08, 0.01);
  return linearScale([Math.max(0, low - pad), Math.min(1, high + pad)], range, 3);
}
