import { describe, expect, it } from 'vitest';
import { modelList, modelMetrics, sloList } from '../src/api/types.js';
import { gapTrend, trendMetric, trendMetrics } from '../src/app/trend.js';

const group = (segment: string, n: number, fpr: number, ci: [number, number] | null) => ({
  attribute: 'segment',
  attributes: { segment },
  n,
  metrics: { fpr: { value: fpr, ci } },
});

function seriesOf(points: unknown[][]) {
  return modelMetrics(
    {
      model: 'loans',
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-01T02:00:00Z',
      resolution: 'minute',
      confidence: 0.95,
      min_samples: 30,
      overall: { attribute: '', attributes: {} },
      groups: [],
      references: {},
      disparities: [],
      series: points.map((groups, hour) => ({
        from: `2026-01-01T0${String(hour)}:00:00Z`,
        to: `2026-01-01T0${String(hour + 1)}:00:00Z`,
        groups,
      })),
    },
    '',
  );
}

describe('gapTrend', () => {
  it('gives the largest gap and the range it can take within the groups’ intervals', () => {
    const trend = seriesOf([
      [
        group('s01', 500, 0.1, [0.08, 0.13]),
        group('s02', 400, 0.2, [0.16, 0.24]),
        group('s03', 300, 0.15, [0.11, 0.2]),
      ],
    ]);
    const [point] = gapTrend(trend, 'segment', 'fpr');
    expect(point!.gap).toBeCloseTo(0.1, 12);
    // Largest lower (0.16) - smallest upper (0.13); largest upper (0.24) - smallest lower (0.08).
    expect(point!.low).toBeCloseTo(0.03, 12);
    expect(point!.high).toBeCloseTo(0.16, 12);
  });

  it('bounds the range below by 0 when the intervals overlap', () => {
    const trend = seriesOf([
      [group('s01', 500, 0.1, [0.08, 0.13]), group('s02', 400, 0.11, [0.09, 0.14])],
    ]);
    expect(gapTrend(trend, 'segment', 'fpr')[0]).toMatchObject({ low: 0 });
  });

  it('leaves out groups under the minimum samples, and has no point with fewer than two', () => {
    const trend = seriesOf([
      [group('s01', 500, 0.1, [0.08, 0.13]), group('s02', 10, 0.5, [0.2, 0.8])],
      [
        group('s01', 500, 0.1, [0.08, 0.13]),
        group('s02', 400, 0.2, [0.16, 0.24]),
        group('s03', 10, 0.9, [0.5, 1]),
      ],
    ]);
    const points = gapTrend(trend, 'segment', 'fpr');
    expect(points[0]).toBeNull();
    expect(points[1]!.gap).toBeCloseTo(0.1, 12);
  });

  it('has a gap but no range when a group has no interval', () => {
    const trend = seriesOf([[group('s01', 500, 0.1, [0.08, 0.13]), group('s02', 400, 0.2, null)]]);
    expect(gapTrend(trend, 'segment', 'fpr')[0]).toMatchObject({ low: null, high: null });
  });
});

const sloOf = (name: string, attribute: string | null, metric: string) => ({
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
      {
        slos: [
          sloOf('fpr', 'segment', 'fpr'),
          sloOf('tpr', 'sex', 'tpr'),
          sloOf('f2', 'age', 'fpr'),
        ],
      },
      '',
    ).slos;
    expect(trendMetrics(slos, model)).toBe('fpr,tpr,selection_rate');
    for (const attribute of [...model.attributes, ...model.intersections]) {
      expect(trendMetrics(slos, model).split(',')).toContain(trendMetric(slos, 'loans', attribute));
    }
  });
});
