import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countInto, equalWidthEdges, equalWidthHistogram } from '../../src/index.js';
import { isRecord } from '../inference/fixtureCases.js';

interface HistogramCase {
  readonly name: string;
  readonly bins: number;
  readonly values: number[];
  readonly edges: number[];
  readonly counts: number[];
}

function isNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function isCase(value: unknown): value is HistogramCase {
  if (!isRecord(value)) return false;
  const c = value;
  return (
    typeof c.name === 'string' &&
    typeof c.bins === 'number' &&
    isNumbers(c.values) &&
    isNumbers(c.edges) &&
    isNumbers(c.counts)
  );
}

/** numpy.histogram's answers, written by fixtures/statistics/generate_histograms.py. */
function referenceCases(): HistogramCase[] {
  const parsed: unknown = JSON.parse(
    readFileSync(
      new URL('../fixtures/statistics/equalWidthHistogram.json', import.meta.url),
      'utf8',
    ),
  );
  const cases =
    typeof parsed === 'object' && parsed !== null && 'cases' in parsed ? parsed.cases : null;
  if (!Array.isArray(cases) || !cases.every(isCase)) throw new Error('unreadable fixture');
  return cases;
}

describe('equalWidthHistogram', () => {
  it.each(referenceCases().map((c) => [`${c.name}, ${String(c.bins)} bins`, c] as const))(
    'matches numpy.histogram (%s)',
    (_label, reference) => {
      const histogram = equalWidthHistogram(reference.values, reference.bins);
      // Counts are exact; edges are the same arithmetic as numpy's linspace, so they agree
      // to a few ulps of the range.
      expect(histogram.counts).toEqual(reference.counts);
      const span = Math.abs(reference.edges.at(-1)! - reference.edges[0]!);
      histogram.edges.forEach((edge, i) => {
        expect(Math.abs(edge - reference.edges[i]!)).toBeLessThanOrEqual(span * 1e-14);
      });
    },
  );

  it('counts two samples on the edges of their union, so they can be compared bin by bin', () => {
    const cohort = [1, 2, 2, 3];
    const rest = [5, 9, 10];
    const edges = equalWidthEdges([...cohort, ...rest], 3);
    expect(edges).toEqual([1, 4, 7, 10]);
    expect(countInto(cohort, edges)).toEqual([4, 0, 0]);
    expect(countInto(rest, edges)).toEqual([0, 1, 2]);
  });

  it('spans [0, 1] with zero counts when there are no values', () => {
    expect(equalWidthHistogram([], 2)).toEqual({ edges: [0, 0.5, 1], counts: [0, 0] });
  });

  it('leaves out values outside the edges it is given', () => {
    expect(countInto([-1, 0, 0.5, 1, 2], [0, 0.5, 1])).toEqual([1, 2]);
  });

  it('refuses fewer than one bin', () => {
    expect(() => equalWidthEdges([1], 0)).toThrow('bins must be at least 1');
  });
});
