import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sample/seededRandom.js';
import {
  CHANNEL_SHARES,
  CHANNELS,
  INCOME_SCORE_CORRELATION,
  drawFeatures,
  meanIncome,
  poissonQuantile,
  type FeatureDraws,
} from '../../src/simulate/featureModel.js';
import { PREVALENCE } from '../../src/simulate/scoreModel.js';

interface FeatureReference {
  readonly poissonQuantiles: readonly { mean: number; u: number; k: number }[];
  readonly incomeMean: readonly [number, number];
  readonly incomeMeanOverall: number;
}

/** featureReference.json, written by featureReference.py (scipy), checked field by field. */
function featureReference(): FeatureReference {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL('./fixtures/featureReference.json', import.meta.url), 'utf8'),
  );
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  const { poisson_quantiles, income_mean, income_mean_overall } = parsed as Record<string, unknown>;
  const isQuantile = (q: unknown): q is { mean: number; u: number; k: number } =>
    typeof q === 'object' &&
    q !== null &&
    ['mean', 'u', 'k'].every((key) => typeof (q as Record<string, unknown>)[key] === 'number');
  if (!Array.isArray(poisson_quantiles) || !poisson_quantiles.every(isQuantile)) {
    throw new Error('featureReference.json: poisson_quantiles');
  }
  const means: Record<string, unknown> =
    typeof income_mean === 'object' && income_mean !== null ? { ...income_mean } : {};
  const [zero, one] = [means['0'], means['1']];
  if (
    typeof zero !== 'number' ||
    typeof one !== 'number' ||
    typeof income_mean_overall !== 'number'
  ) {
    throw new Error('featureReference.json: income_mean');
  }
  return {
    poissonQuantiles: poisson_quantiles,
    incomeMean: [zero, one],
    incomeMeanOverall: income_mean_overall,
  };
}

const reference = featureReference();

function draws(random: () => number): FeatureDraws {
  return { income: random(), creditLines: random(), channel: random() };
}

describe('poissonQuantile', () => {
  it('inverts the Poisson CDF like scipy poisson.ppf', () => {
    expect(reference.poissonQuantiles.length).toBeGreaterThan(20);
    for (const { mean, u, k } of reference.poissonQuantiles) {
      expect(poissonQuantile(mean, u), `mean ${mean}, u ${u}`).toBe(k);
    }
  });
});

describe('drawFeatures', () => {
  it('gives the log-normal mean income of each label (scipy lognorm mean), within 4 standard errors', () => {
    const random = seededRandom(5);
    const normal = seededRandom(6);
    for (const label of [0, 1] as const) {
      const incomes: number[] = [];
      for (let i = 0; i < 40_000; i++) {
        // The score's noise is its own standard normal, drawn here by Box-Muller.
        const z = Math.sqrt(-2 * Math.log(1 - normal())) * Math.cos(2 * Math.PI * normal());
        incomes.push(drawFeatures(label, z, draws(random), null).income);
      }
      const mean = incomes.reduce((s, v) => s + v, 0) / incomes.length;
      const sd = Math.sqrt(incomes.reduce((s, v) => s + (v - mean) ** 2, 0) / incomes.length);
      expect(meanIncome(label)).toBeCloseTo(reference.incomeMean[label], 6);
      expect(Math.abs(mean - reference.incomeMean[label])).toBeLessThan(
        (4 * sd) / Math.sqrt(incomes.length),
      );
    }
    expect(PREVALENCE * meanIncome(1) + (1 - PREVALENCE) * meanIncome(0)).toBeCloseTo(
      reference.incomeMeanOverall,
      6,
    );
  });

  it('picks channels by their shares for each label', () => {
    for (const label of [0, 1] as const) {
      const counts = new Map<string, number>();
      const n = 1000;
      // Uniforms on an even grid hit each channel exactly its share of the time.
      for (let i = 0; i < n; i++) {
        const { channel } = drawFeatures(
          label,
          0,
          { income: 0.5, creditLines: 0.5, channel: (i + 0.5) / n },
          null,
        );
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
      }
      for (const channel of CHANNELS) {
        expect(counts.get(channel)).toBe(CHANNEL_SHARES[label][channel] * n);
      }
    }
  });

  it('raises income with the score noise, by the correlation the score weight implies', () => {
    const at = (z: number) =>
      drawFeatures(0, z, { income: 0.5, creditLines: 0.5, channel: 0.5 }, null).income;
    // With the income noise at its median (E = 0), ln(income) moves by 0.5 rho per unit of Z.
    expect(Math.log(at(1) / at(0))).toBeCloseTo(0.5 * INCOME_SCORE_CORRELATION, 4);
    expect(INCOME_SCORE_CORRELATION).toBeCloseTo((0.95 * 0.5) / 1.5, 12);
  });

  it('multiplies only income by an input shift, before rounding', () => {
    const random = seededRandom(9);
    for (let i = 0; i < 200; i++) {
      const d = draws(random);
      const plain = drawFeatures(1, 0.3, d, null);
      const shifted = drawFeatures(1, 0.3, d, { feature: 'income', factor: 2 });
      expect(Math.abs(shifted.income - 2 * plain.income)).toBeLessThanOrEqual(1);
      expect(shifted.credit_lines).toBe(plain.credit_lines);
      expect(shifted.channel).toBe(plain.channel);
    }
  });
});
