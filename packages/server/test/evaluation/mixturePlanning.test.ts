/**
 * The SLO's mixture planning against scipy (fixtures/mixturePlanning.py): the planned intrinsic
 * time on the SLO's own scale (binomial variance, and the delta method for a log ratio) and the
 * rho that minimises the boundary there for a first alarm among 20 comparisons.
 */
import { readFileSync } from 'node:fs';
import {
  DISPARITY_KINDS,
  RATE_METRIC_NAMES,
  type DisparityKind,
  type RateMetricName,
} from '@fairwatch/contracts';
import { mixtureBoundary } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import {
  plannedIntrinsicTime,
  plannedMixturePrecision,
} from '../../src/evaluation/mixturePlanning.js';
import { demoConfig } from '../service/serviceFixtures.js';

interface PlanningCase {
  readonly kind: DisparityKind;
  readonly metric: RateMetricName;
  readonly minSamples: number;
  readonly falseAlarmRate: number;
  readonly vStar: number;
  readonly rho: number;
}

function isPlanningCase(value: unknown): value is PlanningCase {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    DISPARITY_KINDS.some((kind) => kind === fields.kind) &&
    RATE_METRIC_NAMES.some((metric) => metric === fields.metric) &&
    ['minSamples', 'falseAlarmRate', 'vStar', 'rho'].every(
      (name) => typeof fields[name] === 'number',
    )
  );
}

function planningCases(): PlanningCase[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL('fixtures/mixturePlanning.json', import.meta.url), 'utf8'),
  );
  const cases =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>).cases
      : undefined;
  if (!Array.isArray(cases) || cases.length === 0 || !cases.every(isPlanningCase)) {
    throw new Error('mixturePlanning.json: expected a non-empty list of planning cases');
  }
  return cases;
}

const cases = planningCases();
const baseSlo = demoConfig(':memory:').slos[0]!;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('plannedIntrinsicTime', () => {
  it('is 1 / the variance of the gap at the planned rate, on the SLO scale, as scipy has it', () => {
    for (const c of cases) {
      const vStar = plannedIntrinsicTime(c.kind, c.metric, 25 * c.minSamples);
      // Arithmetic against scipy's binomial variance; the ratio's numerical derivative in the
      // reference carries ~1e-10 relative error.
      expect(relativeError(vStar, c.vStar), `${c.kind} ${c.metric}`).toBeLessThan(1e-8);
    }
  });

  it('plans a ratio of error rates on the log scale, far below the difference scale', () => {
    // 2,500 trials at p = 0.2: Var(p1 - p2) = 2 * 0.16 / 2,500, Var(log(p1 / p2)) = 2 * 4 / 2,500.
    expect(plannedIntrinsicTime('difference', 'fpr', 2500)).toBeCloseTo(7812.5, 9);
    expect(plannedIntrinsicTime('ratio', 'fpr', 2500)).toBeCloseTo(312.5, 9);
  });
});

describe('plannedMixturePrecision', () => {
  it('finds the rho scipy finds for a first alarm among 20 comparisons', () => {
    for (const c of cases) {
      const slo = { ...baseSlo, kind: c.kind, metric: c.metric, minSamples: c.minSamples };
      const rho = plannedMixturePrecision({ ...slo, falseAlarmRate: c.falseAlarmRate });
      // The boundary is flat at its minimum, so both searches pin rho to ~1e-6 only; the
      // boundaries at the two rhos must agree far more closely.
      const label = `${c.kind} ${c.metric} n=${String(c.minSamples)} alpha=${String(c.falseAlarmRate)}`;
      expect(relativeError(rho, c.rho), label).toBeLessThan(1e-5);
      const level = Math.log(20 / c.falseAlarmRate);
      const ours = mixtureBoundary(c.vStar, rho, level);
      const theirs = mixtureBoundary(c.vStar, c.rho, level);
      expect(relativeError(ours, theirs), label).toBeLessThan(1e-10);
    }
  });
});
