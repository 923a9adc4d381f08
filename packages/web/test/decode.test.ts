import { describe, expect, it } from 'vitest';
import { DecodeError } from '../src/api/decode.js';
import { alertList, modelMetrics } from '../src/api/types.js';

describe('API response decoding', () => {
  it('names the path of a field with the wrong type', () => {
    expect(() => modelMetrics({ model: 'loans', from: 1 }, '')).toThrow(
      new DecodeError('from should be a string'),
    );
    expect(() => alertList({ alerts: [{ fingerprint: 7 }] }, '')).toThrow(
      'alerts[0].fingerprint should be a string',
    );
  });

  it("reads a to_overall disparity's reference 'overall' as no group", () => {
    const decoded = modelMetrics(
      {
        model: 'm',
        from: 'a',
        to: 'b',
        resolution: 'minute',
        confidence: 0.95,
        min_samples: 30,
        overall: { attribute: '', attributes: {} },
        groups: [],
        references: {},
        disparities: [
          {
            attribute: 'race',
            metric: 'tpr',
            kind: 'to_overall_difference',
            group: { race: 'A' },
            reference: 'overall',
            value: 0.1,
            ci: [0, 0.2],
          },
        ],
      },
      '',
    );
    expect(decoded.disparities[0]?.reference).toBeNull();
  });
});
