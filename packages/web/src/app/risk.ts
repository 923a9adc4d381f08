/**
 * Where the risk is: for one model and attribute, the worst disparity that is significant after
 * Benjamini–Hochberg, judged against the SLO band for its metric (or the conventional band when
 * no SLO covers it: ±0.05 for a difference, the four-fifths band 0.8–1.25 for a ratio).
 */
import type { Alert, Disparity, ModelMetrics, Slo } from '../api/types.js';
import type { RiskStatus } from '../charts/palette.js';

export const SIGNIFICANCE = 0.05;
export const DEFAULT_METRICS = ['selection_rate', 'tpr', 'fpr'] as const;
const DEFAULT_BANDS = { difference: [-0.05, 0.05], ratio: [0.8, 1.25] } as const;

export interface RatedDisparity {
  readonly disparity: Disparity;
  readonly measure: 'difference' | 'ratio';
  readonly band: readonly [number, number];
  /** How far the interval's nearer end lies outside the band, in band widths (> 0: outside). */
  readonly excess: number;
  readonly outside: boolean;
}

export interface AttributeRisk {
  readonly status: RiskStatus;
  readonly worst: RatedDisparity | null;
  readonly significant: readonly RatedDisparity[];
  readonly firing: number;
  /**
   * True when the status is a breach only because an alert fires: all versions together can sit
   * inside the band while one version's comparison pages.
   */
  readonly breachByAlertOnly: boolean;
}

export function bandFor(
  slos: readonly Slo[],
  model: string,
  attribute: string,
  metric: string,
  measure: 'difference' | 'ratio',
): readonly [number, number] | null {
  const slo = slos.find(
    (candidate) =>
      candidate.model === model &&
      candidate.metric === metric &&
      candidate.kind === measure &&
      (candidate.attribute === null || candidate.attribute === attribute),
  );
  return slo?.band ?? null;
}

export function rateDisparity(
  disparity: Disparity,
  band: readonly [number, number],
  measure: 'difference' | 'ratio',
): RatedDisparity {
  const transform = measure === 'ratio' ? Math.log : (x: number): number => x;
  const [low, high] = band.map(transform) as [number, number];
  const width = high - low || 1;
  let excess = Number.NEGATIVE_INFINITY;
  if (disparity.ci !== null && disparity.ci[0] > 0 && disparity.ci[1] > 0) {
    const [ciLow, ciHigh] = disparity.ci.map(transform) as [number, number];
    excess = Math.max(ciLow - high, low - ciHigh) / width;
  } else if (disparity.ci !== null && measure === 'difference') {
    excess = Math.max(disparity.ci[0] - high, low - disparity.ci[1]) / width;
  }
  return { disparity, measure, band, excess, outside: excess > 0 };
}

export function attributeRisk(
  metrics: ModelMetrics,
  attribute: string,
  slos: readonly Slo[],
  alerts: readonly Alert[],
): AttributeRisk {
  const model = metrics.model;
  const covered = slos.filter(
    (slo) => slo.model === model && (slo.attribute === null || slo.attribute === attribute),
  );
  const metricsWatched = new Set<string>(
    covered.length > 0 ? covered.map((slo) => slo.metric) : DEFAULT_METRICS,
  );
  const significant: RatedDisparity[] = [];
  for (const disparity of metrics.disparities) {
    if (disparity.attribute !== attribute || !metricsWatched.has(disparity.metric)) continue;
    const measure =
      disparity.kind === 'reference_difference'
        ? 'difference'
        : disparity.kind === 'reference_ratio'
          ? 'ratio'
          : null;
    if (measure === null || disparity.q_value === null || disparity.q_value >= SIGNIFICANCE)
      continue;
    // Where SLOs cover the attribute, only the measures they set bands for count.
    const band =
      covered.length > 0
        ? bandFor(covered, model, attribute, disparity.metric, measure)
        : DEFAULT_BANDS[measure];
    if (band === null) continue;
    significant.push(rateDisparity(disparity, band, measure));
  }
  significant.sort((a, b) => b.excess - a.excess);
  const firing = alerts.filter(
    (alert) => alert.model === model && alert.attribute === attribute && alert.state === 'firing',
  ).length;
  const enough = metrics.groups.some(
    (group) => group.attribute === attribute && !group.insufficient && !group.suppressed,
  );
  let status: RiskStatus = 'nodata';
  if (firing > 0 || significant.some((rated) => rated.outside)) status = 'breach';
  else if (significant.length > 0) status = 'watch';
  else if (enough) status = 'ok';
  const outside = significant.some((rated) => rated.outside);
  return {
    status,
    worst: significant[0] ?? null,
    significant,
    firing,
    breachByAlertOnly: firing > 0 && !outside,
  };
}
