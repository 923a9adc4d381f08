import { eBenjaminiHochberg } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import { sloBreaches } from '../../src/evaluation/sloBreaches.js';
import type { ComparisonEvidence } from '../../src/evaluation/sloComparisons.js';
import { demoConfig } from '../service/serviceFixtures.js';

const slo = demoConfig(':memory:').slos[0]!;
const ALPHA = 0.01;

/** A comparison with the given log e-value; below min samples it has no evidence at all. */
function comparison(logEValue: number, sufficient: boolean, at: number): ComparisonEvidence {
  const trials = sufficient ? 500 : 40;
  return {
    comparison: {
      key: `slo|v1|segment=s${String(at)}|segment=s01`,
      slo,
      version: 'v1',
      group: { segment: `s${String(at)}` },
      comparedWith: { segment: 's01' },
    },
    change: {
      logEValue: sufficient ? logEValue : -Infinity,
      start: sufficient ? 0 : null,
      direction: sufficient ? 'above' : null,
      estimate: null,
      interval: null,
      n1: sufficient ? trials : 0,
      n2: sufficient ? trials : 0,
      startsEvaluated: sufficient ? 1 : 0,
    },
    groupValue: 0.1,
    groupTrials: trials,
    comparedValue: 0.1,
    comparedTrials: trials,
    sufficient,
  };
}

describe('sloBreaches', () => {
  it('does not let comparisons below min samples raise the e-BH cut for those with data', () => {
    // Three comparisons with data; one has log E just above log(3 / alpha), below log(13 / alpha).
    const strong = Math.log(3 / ALPHA) + 0.01;
    const evidence = [
      comparison(strong, true, 2),
      comparison(0.5, true, 3),
      comparison(-1, true, 4),
      ...Array.from({ length: 10 }, (_, i) => comparison(-Infinity, false, 5 + i)),
    ];
    expect(strong).toBeLessThan(Math.log(evidence.length / ALPHA));
    const breached = sloBreaches(evidence, ALPHA);
    expect(breached[0]).toBe(true);
    expect(breached.slice(1).every((b) => !b)).toBe(true);
  });

  it('never marks a comparison below min samples as breached', () => {
    const evidence = [comparison(50, false, 2), comparison(50, true, 3)];
    expect(sloBreaches(evidence, ALPHA)).toEqual([false, true]);
  });

  it('is e-BH itself when every comparison has data', () => {
    const logEValues = [9.5, 8.0, 7.1, 6.9, 2, -3, 5.3, 7.6];
    const evidence = logEValues.map((value, at) => comparison(value, true, at + 2));
    const expected = logEValues.map(() => false);
    for (const at of eBenjaminiHochberg(logEValues, ALPHA).rejected) expected[at] = true;
    expect(expected.some((b) => b)).toBe(true);
    expect(sloBreaches(evidence, ALPHA)).toEqual(expected);
  });

  it('breaches nothing in an empty family', () => {
    expect(sloBreaches([], ALPHA)).toEqual([]);
  });
});
