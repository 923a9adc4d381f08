import { describe, expect, it } from 'vitest';
import {
  calibrationBinOfDense,
  isProbabilityDistribution,
  orderedBins,
  scoreBinKey,
} from '../../src/statistics/scoreDistribution.js';
import { foldRows, type Row } from './foldRows.js';

const scored = { scores: true, weighted: false } as const;

describe('orderedBins', () => {
  it('orders negative raw scores, then [0, 1], then raw scores above 1, dropping empty bins', () => {
    const rows: Row[] = [
      { label: 1, prediction: 1, score: 7 },
      { label: 0, prediction: 0, score: -2 },
      { label: 0, prediction: 0, score: 0.5 },
      { label: 1, prediction: 1, score: 0.5 },
      { label: 1, prediction: 0, score: -0.25 },
      { label: 0, prediction: 1, score: 1 },
      { label: 0, prediction: 1, score: 2.5 },
      { label: 0, prediction: 1, score: 2.5 },
    ];
    const distribution = foldRows(rows, scored).scores(0)!;
    // Bins: -2, -0.25, 0.5, 1, 2.5, 7.
    expect(orderedBins(distribution)).toEqual({
      negatives: [1, 0, 1, 1, 2, 0],
      positives: [0, 1, 1, 0, 0, 1],
    });
  });

  it('gives no bins for an empty distribution', () => {
    const distribution = foldRows([], scored, 1).scores(0)!;
    expect(orderedBins(distribution)).toEqual({ negatives: [], positives: [] });
  });
});

describe('isProbabilityDistribution', () => {
  it('is true when every score lies in [0, 1], including 0 and 1', () => {
    const rows: Row[] = [
      { label: 0, prediction: 0, score: 0 },
      { label: 1, prediction: 1, score: 1 },
    ];
    expect(isProbabilityDistribution(foldRows(rows, scored).scores(0)!)).toBe(true);
  });

  it('is false when any score of either label lies outside [0, 1]', () => {
    for (const score of [-0.001, 1.5, 10]) {
      for (const label of [0, 1]) {
        const rows: Row[] = [
          { label: 1 - label, prediction: 0, score: 0.5 },
          { label, prediction: 0, score },
        ];
        expect(isProbabilityDistribution(foldRows(rows, scored).scores(0)!), `${score}`).toBe(
          false,
        );
      }
    }
  });
});

describe('score grid', () => {
  it('keys a score by its 0.001-wide bin', () => {
    expect(scoreBinKey(0)).toBe(0);
    expect(scoreBinKey(0.0009)).toBe(0);
    expect(scoreBinKey(0.001)).toBe(1);
    expect(scoreBinKey(1)).toBe(1000);
    expect(scoreBinKey(-0.0001)).toBe(-1);
    expect(scoreBinKey(7)).toBe(7000);
  });

  it('puts every 0.001-grid score k/1000 in bin k', () => {
    for (let k = 0; k <= 1000; k++) {
      expect(scoreBinKey(Number((k / 1000).toFixed(3))), `${k}`).toBe(k);
    }
  });

  it('maps dense bins to ten calibration bins, the last closed', () => {
    expect(calibrationBinOfDense(0)).toBe(0);
    expect(calibrationBinOfDense(99)).toBe(0);
    expect(calibrationBinOfDense(100)).toBe(1);
    expect(calibrationBinOfDense(999)).toBe(9);
    expect(calibrationBinOfDense(1000)).toBe(9);
  });
});
