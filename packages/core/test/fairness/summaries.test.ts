import { describe, expect, it } from 'vitest';
import { summarize, SUMMARY_NAMES, type Disparity, type RateMetric } from '@fairwatch/core';

function row(
  metric: RateMetric,
  kind: Disparity['kind'],
  value: number,
  ci: [number, number] | null,
): Disparity {
  return {
    attribute: 'g',
    metric,
    kind,
    group: { g: 'a' },
    reference: kind.startsWith('to_overall') ? 'overall' : { g: 'b' },
    value,
    ci,
    test: 'z',
    p_value: 0.5,
    q_value: 0.5,
    test_id: `${metric}|${kind}`,
  };
}

const rows: Disparity[] = [
  row('selection_rate', 'between_groups_difference', 0.2, [0.1, 0.3]),
  row('selection_rate', 'between_groups_ratio', 0.6, [0.5, 0.8]),
  row('selection_rate', 'to_overall_difference', 0.1, [0.05, 0.15]),
  row('selection_rate', 'to_overall_ratio', 0.8, [0.7, 0.9]),
  row('tpr', 'between_groups_difference', 0.3, [0.2, 0.35]),
  row('tpr', 'between_groups_ratio', 0.7, [0.55, 0.75]),
  row('fpr', 'between_groups_difference', 0.25, [0.22, 0.4]),
  row('fpr', 'between_groups_ratio', 0.65, [0.6, 0.7]),
  row('fpr', 'reference_difference', 0.9, [0.8, 1]),
];

describe('summarize', () => {
  it('reads demographic parity from selection rate and equal opportunity from TPR', () => {
    const summary = summarize(rows, 'between_groups');
    expect(summary.demographic_parity_difference).toEqual({ value: 0.2, ci: [0.1, 0.3] });
    expect(summary.demographic_parity_ratio).toEqual({ value: 0.6, ci: [0.5, 0.8] });
    expect(summary.equal_opportunity_difference).toEqual({ value: 0.3, ci: [0.2, 0.35] });
    expect(summary.equal_opportunity_ratio).toEqual({ value: 0.7, ci: [0.55, 0.75] });
    expect(Object.keys(summary).sort()).toEqual([...SUMMARY_NAMES].sort());
  });

  it('takes the worse of TPR and FPR for equalized odds, bound by bound', () => {
    const summary = summarize(rows, 'between_groups');
    expect(summary.equalized_odds_difference).toEqual({ value: 0.3, ci: [0.22, 0.4] });
    expect(summary.equalized_odds_ratio).toEqual({ value: 0.65, ci: [0.55, 0.7] });
  });

  it('reads only the rows of the chosen comparison', () => {
    const summary = summarize(rows, 'to_overall');
    expect(summary.demographic_parity_difference).toEqual({ value: 0.1, ci: [0.05, 0.15] });
    expect(summary.demographic_parity_ratio).toEqual({ value: 0.8, ci: [0.7, 0.9] });
    expect(summary.equal_opportunity_difference.value).toBeNull();
  });

  it('returns null with a reason when a rate has no comparison, and so does equalized odds', () => {
    const withoutFpr = rows.filter((d) => d.metric !== 'fpr');
    const summary = summarize(withoutFpr, 'between_groups');
    expect(summary.equalized_odds_difference.value).toBeNull();
    expect(summary.equalized_odds_difference.reason).toMatch(/fpr/);
    expect(summary.equalized_odds_ratio.reason).toMatch(/fpr/);
    const none = summarize([], 'between_groups');
    for (const name of SUMMARY_NAMES) {
      expect(none[name].value, name).toBeNull();
      expect(none[name].reason, name).toMatch(/undefined/);
    }
  });

  it('gives equalized odds no interval when either rate has none', () => {
    const noInterval = rows.map((d) => (d.metric === 'tpr' ? { ...d, ci: null } : d));
    const summary = summarize(noInterval, 'between_groups');
    expect(summary.equalized_odds_difference).toEqual({ value: 0.3, ci: null });
  });
});
