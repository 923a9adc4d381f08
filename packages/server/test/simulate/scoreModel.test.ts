import { normalCdf } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sample/seededRandom.js';
import {
  DECISION_THRESHOLD,
  FAIR_RATES,
  LOGIT_SPREAD,
  drawScore,
  logitMeans,
  selectionRate,
  type ErrorRates,
} from '../../src/simulate/scoreModel.js';
import { expectRate } from './streamStats.js';

describe('logitMeans', () => {
  it('puts each label mean where Phi(mu / sigma) is its target rate', () => {
    for (const rates of [FAIR_RATES, { tpr: 0.8, fpr: 0.2 }, { tpr: 0.9, fpr: 0.25 }]) {
      const means = logitMeans(rates);
      expect(normalCdf(means.positive / LOGIT_SPREAD)).toBeCloseTo(rates.tpr, 12);
      expect(normalCdf(means.negative / LOGIT_SPREAD)).toBeCloseTo(rates.fpr, 12);
    }
  });

  it('gives the documented means for the fair rates (scipy: 1.5 * norm.ppf(0.8), 1.5 * norm.ppf(0.1))', () => {
    const means = logitMeans(FAIR_RATES);
    expect(means.positive).toBeCloseTo(1.2624318503593714, 10);
    expect(means.negative).toBeCloseTo(-1.9223273483169006, 10);
  });
});

describe('drawScore', () => {
  function empiricalRates(rates: ErrorRates, draws: number, seed: number): ErrorRates {
    const random = seededRandom(seed);
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < draws; i++) {
      if (drawScore(1, rates, random()) >= DECISION_THRESHOLD) tp++;
      if (drawScore(0, rates, random()) >= DECISION_THRESHOLD) fp++;
    }
    return { tpr: tp / draws, fpr: fp / draws };
  }

  it('lands on TPR 0.80 and FPR 0.10 at threshold 0.5 over 200,000 draws per label', () => {
    const observed = empiricalRates(FAIR_RATES, 200_000, 11);
    expectRate(observed.tpr, 0.8, 200_000, 'tpr');
    expectRate(observed.fpr, 0.1, 200_000, 'fpr');
  });

  it('lands on the incident rates too', () => {
    const observed = empiricalRates({ tpr: 0.9, fpr: 0.2 }, 100_000, 12);
    expectRate(observed.tpr, 0.9, 100_000, 'tpr');
    expectRate(observed.fpr, 0.2, 100_000, 'fpr');
  });

  it('returns probabilities with at most 4 decimals, even at the ends of the draw range', () => {
    for (const u of [0, 1e-12, 0.5, 1 - 2 ** -32]) {
      for (const label of [0, 1] as const) {
        const score = drawScore(label, FAIR_RATES, u);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(Math.round(score * 10_000) / 10_000).toBe(score);
      }
    }
  });
});

describe('selectionRate', () => {
  it('is prevalence * TPR + (1 - prevalence) * FPR', () => {
    expect(selectionRate(FAIR_RATES)).toBeCloseTo(0.31, 12);
    expect(selectionRate({ tpr: 0.9, fpr: 0.2 })).toBeCloseTo(0.41, 12);
    expect(selectionRate({ tpr: 0.8, fpr: 0.2 })).toBeCloseTo(0.38, 12);
  });
});
