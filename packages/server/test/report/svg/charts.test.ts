import { describe, expect, it } from 'vitest';
import { forestPlot, type ForestRow } from '../../../src/report/svg/forestPlot.js';
import { intervalBar } from '../../../src/report/svg/intervalBar.js';
import { reliabilityDiagram } from '../../../src/report/svg/reliabilityDiagram.js';
import { xmlProblems } from '../xmlWellFormed.js';

/** x of the first circle (the estimate) of a chart. */
function pointX(svg: string): number {
  return Number(/<circle cx="([\d.-]+)"/.exec(svg)![1]);
}
/** The x of each tick label, by its text. */
function tickXs(svg: string): Map<string, number> {
  return new Map(
    [...svg.matchAll(/<text x="([\d.-]+)"[^>]*class="tick">([^<]+)<\/text>/g)].map((m) => [
      m[2]!,
      Number(m[1]),
    ]),
  );
}

describe('intervalBar', () => {
  it('draws a ratio against the four-fifths band, 0.8 and 1.25 equally far from 1', () => {
    const svg = intervalBar({
      id: 'r',
      kind: 'ratio',
      value: 1.9,
      ci: [1.7, 2.1],
      band: [0.8, 1.25],
      title: 'ratio',
      description: 'd',
    });
    expect(xmlProblems(svg)).toEqual([]);
    const ticks = tickXs(svg);
    expect(ticks.get('1')! - ticks.get('0.8')!).toBeCloseTo(
      ticks.get('1.25')! - ticks.get('1')!,
      0,
    );
    expect(pointX(svg)).toBeGreaterThan(ticks.get('1.25')!);
    expect(svg).toMatch(/<rect [^>]*fill="#e8f1f8"/);
  });

  it('draws a difference against the 0 line with no band', () => {
    const svg = intervalBar({
      id: 'd',
      kind: 'difference',
      value: -0.2,
      ci: [-0.3, -0.1],
      band: [0, 0],
      title: 'difference',
      description: 'd',
    });
    expect(svg).not.toMatch(/<rect /);
    expect(pointX(svg)).toBeLessThan(tickXs(svg).get('0')!);
  });

  it('keeps a zero ratio on the log axis instead of drawing at minus infinity', () => {
    const svg = intervalBar({
      id: 'z',
      kind: 'ratio',
      value: 0,
      ci: [0, 0.4],
      band: [0.8, 1.25],
      title: 'ratio',
      description: 'd',
    });
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('forestPlot', () => {
  const row = (
    label: string,
    value: number,
    ci: [number, number],
    insufficient: boolean,
  ): ForestRow => ({
    label,
    n: '10',
    insufficient,
    emphasis: false,
    cells: [{ value, ci, caption: label }],
  });

  it('sets the axis from the groups with enough rows; a small group runs off with an arrow', () => {
    const svg = forestPlot({
      id: 'f',
      title: 't',
      description: 'd',
      panels: [{ title: 'tpr', reference: 0.5 }],
      rows: [row('big', 0.45, [0.42, 0.48], false), row('small', 0.55, [0.05, 0.95], true)],
    });
    expect(xmlProblems(svg)).toEqual([]);
    const ticks = [...tickXs(svg).keys()].map(Number).filter((t) => t !== 0.55);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0.4);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(0.6);
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    // its estimate lies beyond the axis too: written at the edge, not drawn as a point there
    expect(svg).toContain('class="tick">0.55</text>');
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('class="flag">insufficient</text>');
  });
});

describe('reliabilityDiagram', () => {
  it('draws one point per bin with rows, sized by rows, skipping empty bins', () => {
    const bin = (low: number, n: number, mean: number | null, observed: number | null) => ({
      low,
      high: low + 0.5,
      n,
      mean_score: mean,
      observed_rate: {
        value: observed,
        ci: observed === null ? null : ([observed - 0.1, observed + 0.1] as [number, number]),
      },
    });
    const svg = reliabilityDiagram({
      id: 'c',
      title: 't',
      description: 'd',
      heading: 'h',
      bins: [bin(0, 100, 0.2, 0.25), bin(0.5, 25, 0.7, 0.6), bin(0.5, 0, null, null)],
      reference: null,
      insufficient: false,
    });
    expect(xmlProblems(svg)).toEqual([]);
    const radii = [...svg.matchAll(/<circle [^>]*r="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(radii).toHaveLength(2);
    // area proportional to rows: a quarter of the rows, half the radius
    expect(radii[1]! / radii[0]!).toBeCloseTo(0.5, 1);
  });
});
