import { describe, expect, it } from 'vitest';
import type { GapKind } from '../../src/monitoring/gapEvidence.js';
import { nullBoundaryVariance } from '../../src/monitoring/nullBoundaryVariance.js';
import { expectClose, hasNumbers, isNumberArray, isRecord } from '../inference/fixtureCases.js';
import { readMonitoringCases } from './monitoringFixtures.js';

interface BoundaryCase {
  readonly x1: number;
  readonly n1: number;
  readonly x2: number;
  readonly n2: number;
  readonly kind: GapKind;
  readonly band: [number, number];
  readonly boundaryVarianceAbove: number | null;
  readonly boundaryVarianceBelow: number | null;
}

const isNumberOrNull = (value: unknown): boolean => value === null || typeof value === 'number';

function isBoundaryCase(value: unknown): value is BoundaryCase {
  if (!isRecord(value)) return false;
  const { kind, band, boundaryVarianceAbove, boundaryVarianceBelow } = value;
  return (
    hasNumbers(value, ['x1', 'n1', 'x2', 'n2']) &&
    (kind === 'difference' || kind === 'ratio') &&
    isNumberArray(band) &&
    band.length === 2 &&
    isNumberOrNull(boundaryVarianceAbove) &&
    isNumberOrNull(boundaryVarianceBelow)
  );
}

const cases = readMonitoringCases('gapEvidence.json', isBoundaryCase);

function onAnalysisScale(kind: GapKind, edge: number): number {
  return kind === 'ratio' ? Math.log(edge) : edge;
}

describe('nullBoundaryVariance', () => {
  it('matches the variance at the restricted maximum-likelihood proportions found by scipy', () => {
    for (const c of cases) {
      const label = `${c.kind} ${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      const sides = [
        ['above', c.band[1], c.boundaryVarianceAbove],
        ['below', c.band[0], c.boundaryVarianceBelow],
      ] as const;
      for (const [side, edge, expected] of sides) {
        const actual = nullBoundaryVariance(
          c.x1,
          c.n1,
          c.x2,
          c.n2,
          c.kind,
          onAnalysisScale(c.kind, edge),
        );
        if (expected === null) {
          expect(actual, `${label} ${side}`).toBeNaN();
        } else {
          // brentq on the restricted score locates the proportions to a few ulp; the closed
          // form (a cubic through acos and cos) loses a few more.
          expectClose(actual, expected, { relative: 1e-12 }, `${label} ${side}`);
        }
      }
    }
  });

  it('is the plain binomial variance at the common rate when the edge is no gap', () => {
    // Under p1 = p2 the restricted estimate is the pooled rate (x1 + x2) / (n1 + n2).
    const pooled = 0.25;
    const expected = pooled * (1 - pooled) * (1 / 100 + 1 / 300);
    const difference = nullBoundaryVariance(10, 100, 90, 300, 'difference', 0);
    expectClose(difference, expected, { relative: 1e-12 }, 'difference');
    const logScale = ((1 - pooled) / pooled) * (1 / 100 + 1 / 300);
    const ratio = nullBoundaryVariance(10, 100, 90, 300, 'ratio', 0);
    expectClose(ratio, logScale, { relative: 1e-12 }, 'ratio');
  });

  it('is NaN where the edge leaves the parameter space, so the plug-in is kept', () => {
    expect(nullBoundaryVariance(1, 100, 20, 200, 'difference', Infinity)).toBeNaN();
    expect(nullBoundaryVariance(1, 100, 20, 200, 'difference', 1)).toBeNaN();
    expect(nullBoundaryVariance(1, 100, 20, 200, 'ratio', -Infinity)).toBeNaN();
    expect(nullBoundaryVariance(0, 100, 0, 200, 'ratio', Math.log(1.25))).toBeNaN();
  });
});
