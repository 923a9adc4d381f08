import { describe, expect, it } from 'vitest';
import { effectiveBinomial, totalCount, type ConfusionCounts } from '@fairwatch/core';
import { expectClose } from '../metrics/expectClose.js';

const unweighted: ConfusionCounts = { tp: 4, fp: 3, tn: 2, fn: 1, squares: null };

describe('totalCount', () => {
  it('adds the four quadrants', () => {
    expect(totalCount(unweighted)).toBe(10);
    expect(totalCount({ tp: 0, fp: 0, tn: 0, fn: 0, squares: null })).toBe(0);
  });
});

describe('effectiveBinomial', () => {
  it('returns the counts themselves when unweighted', () => {
    expect(effectiveBinomial(unweighted, ['tp'], ['tp', 'fn'])).toEqual({
      successes: 4,
      trials: 5,
    });
    expect(effectiveBinomial(unweighted, ['tp', 'fp'], ['tp', 'fp', 'tn', 'fn'])).toEqual({
      successes: 7,
      trials: 10,
    });
  });

  it('rescales weighted counts to the Kish effective size of the denominator rows', () => {
    // tp: weights 1 and 3 (sum 4, squares 10); fn: weights 2 (sum 2, squares 4).
    const counts: ConfusionCounts = {
      tp: 4,
      fp: 100,
      tn: 100,
      fn: 2,
      squares: { tp: 10, fp: 1e4, tn: 1e4, fn: 4 },
    };
    const { successes, trials } = effectiveBinomial(counts, ['tp'], ['tp', 'fn']);
    const nEff = (6 * 6) / 14;
    expectClose(trials, nEff, { relative: 1e-15 }, 'trials');
    expectClose(successes, (4 / 6) * nEff, { relative: 1e-15 }, 'successes');
  });

  it('keeps the rate and gives n when every weight is 1', () => {
    const counts: ConfusionCounts = { ...unweighted, squares: { tp: 4, fp: 3, tn: 2, fn: 1 } };
    expect(effectiveBinomial(counts, ['fp'], ['fp', 'tn'])).toEqual({ successes: 3, trials: 5 });
  });

  it('returns zero trials when the denominator is empty', () => {
    const counts: ConfusionCounts = {
      tp: 0,
      fp: 2,
      tn: 1,
      fn: 0,
      squares: { tp: 0, fp: 4, tn: 1, fn: 0 },
    };
    expect(effectiveBinomial(counts, ['tp'], ['tp', 'fn'])).toEqual({ successes: 0, trials: 0 });
  });
});
