import { describe, expect, it } from 'vitest';
import { modelMetrics, sloList } from '../src/api/types.js';
import { attributeRisk, rateDisparity } from '../src/app/risk.js';

const group = (segment: string, n: number) => ({
  attribute: 'segment',
  attributes: { segment },
  n,
  insufficient: n < 30,
});

function metricsWith(disparities: unknown[]) {
  return modelMetrics(
    {
      model: 'loans',
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-01T01:00:00Z',
      resolution: 'minute',
      confidence: 0.95,
      min_samples: 30,
      overall: { attribute: '', attributes: {} },
      groups: [group('s01', 500), group('s02', 400)],
      references: { segment: { segment: 's01' } },
      disparities,
    },
    '',
  );
}

const disparity = (metric: string, kind: string, ci: [number, number], q: number) => ({
  attribute: 'segment',
  metric,
  kind,
  group: { segment: 's02' },
  reference: { segment: 's01' },
  value: (ci[0] + ci[1]) / 2,
  ci,
  p_value: q,
  q_value: q,
});

const slos = sloList(
  {
    slos: [
      {
        slo: 'fpr',
        model: 'loans',
        attribute: 'segment',
        metric: 'fpr',
        kind: 'difference',
        band: [-0.05, 0.05],
        status: 'ok',
        comparisons: [],
      },
    ],
  },
  '',
).slos;

describe('risk of a model attribute', () => {
  it('is a breach when a significant interval lies wholly outside the SLO band', () => {
    const risk = attributeRisk(
      metricsWith([disparity('fpr', 'reference_difference', [0.07, 0.12], 0.001)]),
      'segment',
      slos,
      [],
    );
    expect(risk.status).toBe('breach');
    expect(risk.worst?.disparity.metric).toBe('fpr');
  });

  it('is watch when significant but the interval reaches into the band', () => {
    const risk = attributeRisk(
      metricsWith([disparity('fpr', 'reference_difference', [0.01, 0.06], 0.01)]),
      'segment',
      slos,
      [],
    );
    expect(risk.status).toBe('watch');
  });

  it('ignores disparities that are not significant after BH, and measures no SLO covers', () => {
    const risk = attributeRisk(
      metricsWith([
        disparity('fpr', 'reference_difference', [0.07, 0.12], 0.2),
        disparity('fpr', 'reference_ratio', [1.5, 2], 0.001),
        disparity('tpr', 'reference_difference', [0.2, 0.3], 0.001),
      ]),
      'segment',
      slos,
      [],
    );
    expect(risk.status).toBe('ok');
    expect(risk.worst).toBeNull();
  });

  it('judges ratios on a log scale against the four-fifths band when no SLO covers them', () => {
    const rated = rateDisparity(
      disparity('selection_rate', 'reference_ratio', [0.5, 0.7], 0.001),
      [0.8, 1.25],
      'ratio',
    );
    expect(rated.outside).toBe(true);
    expect(rated.excess).toBeCloseTo((Math.log(0.8) - Math.log(0.7)) / (2 * Math.log(1.25)), 12);
  });

  it('says there is not enough data when every group is below the minimum samples', () => {
    const metrics = modelMetrics(
      {
        model: 'loans',
        from: 'a',
        to: 'b',
        resolution: 'minute',
        confidence: 0.95,
        min_samples: 30,
        overall: { attribute: '', attributes: {} },
        groups: [group('s01', 5)],
        references: {},
        disparities: [],
      },
      '',
    );
    expect(attributeRisk(metrics, 'segment', slos, []).status).toBe('nodata');
  });
});
