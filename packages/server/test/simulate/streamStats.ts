import { expect } from 'vitest';
import type { PredictionBody, SimulatedEvent } from '../../src/simulate/simulatedEvents.js';

/** Confusion counts at the threshold, from predictions joined to their outcomes. */
export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Joins each outcome to its prediction and counts them per `key` (null leaves the prediction
 * out). Predictions whose outcome never comes are not counted.
 */
export function confusionBy(
  events: Iterable<SimulatedEvent>,
  key: (prediction: PredictionBody) => string | null,
): Map<string, Counts> {
  const waiting = new Map<string, { key: string; prediction: 0 | 1 }>();
  const counts = new Map<string, Counts>();
  for (const event of events) {
    if (event.kind === 'prediction') {
      const k = key(event.body);
      if (k !== null) waiting.set(event.body.id, { key: k, prediction: event.body.prediction });
    } else if (event.kind === 'outcome') {
      const p = waiting.get(event.body.id);
      if (p === undefined) continue;
      waiting.delete(event.body.id);
      let c = counts.get(p.key);
      if (c === undefined) {
        c = { tp: 0, fp: 0, tn: 0, fn: 0 };
        counts.set(p.key, c);
      }
      if (event.body.label === 1) {
        if (p.prediction === 1) c.tp++;
        else c.fn++;
      } else if (p.prediction === 1) c.fp++;
      else c.tn++;
    }
  }
  return counts;
}

export function tpr(c: Counts): number {
  return c.tp / (c.tp + c.fn);
}

export function fpr(c: Counts): number {
  return c.fp / (c.fp + c.tn);
}

export function selection(c: Counts): number {
  return (c.tp + c.fp) / (c.tp + c.fp + c.tn + c.fn);
}

/**
 * A tolerance of `sds` binomial standard deviations around an expected rate p for n trials:
 * sds * sqrt(p (1 - p) / n). Seeded streams make the check deterministic; 4 sd keeps a
 * different seed from failing by chance.
 */
export function binomialTolerance(p: number, n: number, sds = 4): number {
  return sds * Math.sqrt((p * (1 - p)) / n);
}

/** Expects an observed rate over n trials within the binomial tolerance of the expected one. */
export function expectRate(observed: number, expected: number, n: number, what: string): void {
  const tolerance = binomialTolerance(expected, n);
  expect(
    Math.abs(observed - expected),
    `${what}: ${observed.toFixed(4)} vs ${expected} (n ${n}, tolerance ${tolerance.toFixed(4)})`,
  ).toBeLessThanOrEqual(tolerance);
}
