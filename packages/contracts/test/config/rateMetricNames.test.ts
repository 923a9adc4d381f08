import { RATE_METRICS } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import { RATE_METRIC_NAMES } from '../../src/index.js';

describe('RATE_METRIC_NAMES', () => {
  it("is core's RATE_METRICS, in the same order (contracts cannot import core)", () => {
    expect(RATE_METRIC_NAMES).toEqual(RATE_METRICS);
  });
});
