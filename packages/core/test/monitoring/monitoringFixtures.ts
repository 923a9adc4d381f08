import { readFileSync } from 'node:fs';
import type { CaseGuard } from '../inference/fixtureCases.js';
import { isRecord } from '../inference/fixtureCases.js';

/**
 * Reads `packages/core/test/fixtures/monitoring/<name>` (written by the generate_*.py script named
 * in its `generator` field) and returns its cases, each checked by `isCase`.
 */
export function readMonitoringCases<T>(name: string, isCase: CaseGuard<T>): T[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL(`../fixtures/monitoring/${name}`, import.meta.url), 'utf8'),
  );
  if (!isRecord(parsed) || !Array.isArray(parsed.cases)) {
    throw new Error(`${name}: expected an object with a "cases" array`);
  }
  const cases: unknown[] = parsed.cases;
  const valid = cases.filter(isCase);
  if (valid.length !== cases.length || valid.length === 0) {
    const bad = cases.find((item) => !isCase(item));
    throw new Error(`${name}: unexpected case shape ${JSON.stringify(bad)}`);
  }
  return valid;
}

/**
 * mulberry32, a small seeded 32-bit PRNG (Tommy Ettinger's public-domain generator): uniform
 * numbers in [0, 1). Tests only; the core takes no randomness.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** The number of successes in `trials` Bernoulli(p) draws from `random`. */
export function binomialDraw(random: () => number, trials: number, p: number): number {
  let successes = 0;
  for (let i = 0; i < trials; i++) if (random() < p) successes++;
  return successes;
}

/**
 * A sampler of Binomial(trials, p) by inversion of its cdf (one uniform per draw), for
 * simulations that need many draws with the same parameters.
 */
export function binomialSampler(random: () => number, trials: number, p: number): () => number {
  const cdf = new Float64Array(trials + 1);
  let mass = (1 - p) ** trials;
  let total = 0;
  for (let k = 0; k <= trials; k++) {
    total += mass;
    cdf[k] = total;
    mass *= ((trials - k) / (k + 1)) * (p / (1 - p));
  }
  cdf[trials] = 1;
  return () => {
    const u = random();
    let k = 0;
    while (u >= cdf[k]! && k < trials) k++;
    return k;
  };
}
