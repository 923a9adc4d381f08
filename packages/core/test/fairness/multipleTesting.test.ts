import { describe, expect, it } from 'vitest';
import { adjustForMultipleTests, type Disparity } from '@fairwatch/core';
import { expectClose } from '../metrics/expectClose.js';

function disparity(testId: string, pValue: number, kind: Disparity['kind']): Disparity {
  return {
    attribute: 'g',
    metric: 'selection_rate',
    kind,
    group: { g: testId },
    reference: 'overall',
    value: 0.1,
    ci: [0, 0.2],
    test: 'z',
    p_value: pValue,
    q_value: null,
    test_id: testId,
  };
}

describe('adjustForMultipleTests', () => {
  it('counts the rows of one test once', () => {
    const rows = [
      disparity('one', 0.01, 'reference_difference'),
      disparity('one', 0.01, 'reference_ratio'),
      disparity('two', 0.04, 'reference_difference'),
      disparity('three', 0.03, 'reference_difference'),
    ];
    // BH over three tests (0.01, 0.03, 0.04): 0.03, 0.04, 0.04. Over four rows it would
    // give 0.02 to the first.
    const q = adjustForMultipleTests(rows).map((d) => d.q_value!);
    [0.03, 0.03, 0.04, 0.04].forEach((want, i) => {
      expectClose(q[i], want, { relative: 1e-15 }, `row ${i}`);
    });
  });

  it('keeps the rows, their order and every other field, and leaves its input alone', () => {
    const rows = [
      disparity('b', 0.5, 'to_overall_difference'),
      disparity('a', 0.2, 'to_overall_ratio'),
    ];
    const adjusted = adjustForMultipleTests(rows);
    const withoutQ = (d: Disparity): Omit<Disparity, 'q_value'> => {
      const { q_value: q, ...rest } = d;
      expect(q === null || typeof q === 'number').toBe(true);
      return rest;
    };
    expect(adjusted.map(withoutQ)).toEqual(rows.map(withoutQ));
    expect(rows.every((d) => d.q_value === null)).toBe(true);
  });

  it('caps q-values at 1 and returns nothing for no rows', () => {
    const adjusted = adjustForMultipleTests([
      disparity('x', 0.9, 'reference_difference'),
      disparity('y', 1, 'reference_difference'),
    ]);
    expect(adjusted.map((d) => d.q_value)).toEqual([1, 1]);
    expect(adjustForMultipleTests([])).toEqual([]);
  });
});
