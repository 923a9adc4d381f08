import { normalQuantile } from '@fairwatch/core';
import { LOGIT_SPREAD, openUnit } from './scoreModel.js';

/** The channels an application comes through. */
export const CHANNELS = ['web', 'branch', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The `features` of a simulated prediction: three inputs a loan model plausibly reads, kept to
 * three so the events stay small.
 */
export interface SimulatedFeatures {
  /** Yearly income in whole currency units. */
  readonly income: number;
  /** Open credit lines. */
  readonly credit_lines: number;
  readonly channel: Channel;
}

/** The median income of applicants whose outcome is negative (label 0). */
export const INCOME_MEDIAN = 40_000;
/** How much higher ln(income) sits for a positive outcome: medians 40,000 and 51,361. */
export const INCOME_LABEL_LIFT = 0.25;
/** The spread sigma of ln(income) within a label. */
export const INCOME_LOG_SPREAD = 0.5;
/**
 * The score's weight on ln(income) within a label: the slope of the score logit on ln(income)
 * among applicants of one label. It is what makes a scaled income move the score (see
 * `vendor-drift`), and it fixes how strongly income and the score's noise are correlated.
 */
export const INCOME_LOGIT_WEIGHT = 0.95;
/**
 * The correlation of ln(income) with the score's noise Z within a label. With
 * ln(income) = m_y + s (rho Z + sqrt(1 - rho^2) E) and logit = mu_y + sigma Z, the within-label
 * slope of the logit on ln(income) is sigma rho / s, so rho = weight * s / sigma = 0.3167.
 */
export const INCOME_SCORE_CORRELATION = (INCOME_LOGIT_WEIGHT * INCOME_LOG_SPREAD) / LOGIT_SPREAD;

/** The mean number of open credit lines (Poisson) by label: 3 for label 0, 4 for label 1. */
export const CREDIT_LINES_MEAN: Readonly<Record<0 | 1, number>> = { 0: 3, 1: 4 };

/** The channel mix by label: partner traffic has more negative outcomes. */
export const CHANNEL_SHARES: Readonly<Record<0 | 1, Readonly<Record<Channel, number>>>> = {
  0: { web: 0.45, branch: 0.25, partner: 0.3 },
  1: { web: 0.55, branch: 0.3, partner: 0.15 },
};

/** A change in how an input is reported, applied to the affected cohort's features. */
export interface InputShift {
  readonly feature: 'income';
  /** The factor the reported value is multiplied by. */
  readonly factor: number;
}

/** The three uniform draws in [0, 1) that decide one prediction's features, in this order. */
export interface FeatureDraws {
  readonly income: number;
  readonly creditLines: number;
  readonly channel: number;
}

/**
 * The features of a prediction with outcome `label` whose score noise is `scoreNoise` (the
 * standard normal Z of its score, {@link scoreNoise}). They depend on nothing else, so they are
 * distributed alike in every group as long as labels and score noise are (every scenario):
 *
 * - income = exp(ln(40,000) + 0.25 y + 0.5 (rho Z + sqrt(1 - rho^2) E)), E ~ N(0, 1) from its
 *   draw, times `shift.factor` when the input is shifted, rounded to a whole unit;
 * - credit_lines ~ Poisson(3 + y), by inversion of its draw;
 * - channel from `CHANNEL_SHARES[y]`, by inversion of its draw.
 */
export function drawFeatures(
  label: 0 | 1,
  scoreNoise: number,
  draws: FeatureDraws,
  shift: InputShift | null,
): SimulatedFeatures {
  const rho = INCOME_SCORE_CORRELATION;
  const noise =
    rho * scoreNoise + Math.sqrt(1 - rho * rho) * normalQuantile(openUnit(draws.income));
  const logIncome = Math.log(INCOME_MEDIAN) + INCOME_LABEL_LIFT * label + INCOME_LOG_SPREAD * noise;
  const factor = shift?.feature === 'income' ? shift.factor : 1;
  return {
    income: Math.round(Math.exp(logIncome) * factor),
    credit_lines: poissonQuantile(CREDIT_LINES_MEAN[label], draws.creditLines),
    channel: pickChannel(CHANNEL_SHARES[label], draws.channel),
  };
}

/** The expected income of a label: exp(m_y + s^2 / 2), the log-normal mean. */
export function meanIncome(label: 0 | 1): number {
  return Math.exp(Math.log(INCOME_MEDIAN) + INCOME_LABEL_LIFT * label + INCOME_LOG_SPREAD ** 2 / 2);
}

/** Poisson counts above this are so rare (mean <= 4: below 1e-15) that they are capped. */
const MAX_COUNT = 30;

/** The smallest k with P(K <= k) > u for K ~ Poisson(mean): inversion of one uniform. */
export function poissonQuantile(mean: number, u: number): number {
  let probability = Math.exp(-mean);
  let cumulative = probability;
  let k = 0;
  while (cumulative <= u && k < MAX_COUNT) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

function pickChannel(shares: Readonly<Record<Channel, number>>, u: number): Channel {
  let cumulative = 0;
  for (const channel of CHANNELS) {
    cumulative += shares[channel];
    if (u < cumulative) return channel;
  }
  // Only rounding in the shares' sum can leave u above it: the last channel.
  return 'partner';
}
