import { describe, expect, it } from 'vitest';
import { modelList, sloList } from '../src/api/types.js';
import { trendMetric, trendMetrics } from '../src/app/trend.js';

const slo = (name: string, attribute: string | null, metric: string) => ({
  slo: name,
  model: 'loans',
  attribute,
  metric,
  kind: 'difference',
  band: [-0.05, 0.05],
  status: 'ok',
  comparisons: [],
});

const model = modelList(
  {
    models: [
      {
        name: 'loans',
        attributes: ['segment', 'sex', 'age'],
        intersections: ['segment&sex'],
        versions: [],
      },
    ],
  },
  '',
).models[0]!;

describe('trendMetrics', () => {
  it("asks for each attribute's trend metric once, so the series carry nothing else", () => {
    const slos = sloList(
      { slos: [slo('fpr', 'segment', 'fpr'), slo('tpr', 'sex', 'tpr'), slo('f2', 'age', 'fpr')] },
      '',
    ).slos;
    expect(trendMetrics(slos, model)).toBe('fpr,tpr,selection_rate');
    for (const attribute of [...model.attributes, ...model.intersections]) {
      expect(trendMetrics(slos, model).split(',')).toContain(trendMetric(slos, 'loans', attribute));
    }
  });
});
