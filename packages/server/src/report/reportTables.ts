import {
  describeGroup,
  SUMMARY_NAMES,
  type Disparity,
  type Interval,
  type MetricName,
  type MetricValue,
} from '@fairwatch/core';
import type { AuditReport } from '../audit/auditReport.js';

/**
 * The audit report as titled tables, in the order a reader needs them: what is significant,
 * the per-group numbers, the named summaries, then what was left out. Text and markdown
 * renderers lay these out.
 */
export interface ReportTable {
  readonly title: string;
  readonly note?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Mirror images of other rates (fnr = 1 - tpr ...): same test, left to the JSON report. */
const COMPLEMENTS = new Set(['fnr', 'tnr', 'fdr', 'for']);

const GROUP_METRICS: readonly MetricName[] = ['selection_rate', 'tpr', 'fpr', 'ppv', 'accuracy'];

export function reportTables(report: AuditReport): ReportTable[] {
  return [
    significantTable(report),
    groupTable(report),
    summaryTable(report),
    exclusionTable(report),
    skippedTable(report),
  ];
}

/**
 * The disparities a reader should see first: differences against the reference group and
 * between the extreme groups with q <= 1 - confidence after Benjamini-Hochberg, most
 * significant first. Ratios and to-overall rows repeat the same tests; complementary rates
 * (fnr = 1 - tpr ...) are the same test mirrored.
 */
export function significantDisparities(report: AuditReport): Disparity[] {
  const alpha = 1 - report.confidence;
  return report.disparities
    .filter(
      (d) =>
        d.q_value !== null &&
        d.q_value <= alpha &&
        (d.kind === 'reference_difference' || d.kind === 'between_groups_difference') &&
        !COMPLEMENTS.has(d.metric),
    )
    .sort((a, b) => (a.q_value ?? 1) - (b.q_value ?? 1) || Math.abs(b.value) - Math.abs(a.value));
}

/** The heading of the significant disparities: the FDR level and how many tests it covers. */
export function significantTitle(report: AuditReport): string {
  return `Significant disparities (q <= ${formatNumber(1 - report.confidence)} after Benjamini-Hochberg over ${countTests(report.disparities)} tests)`;
}

/** The per-group metrics shown in tables: the main rates, and AUC when there are scores. */
export function groupTableMetrics(report: AuditReport): MetricName[] {
  return report.input.score !== null ? [...GROUP_METRICS, 'auc'] : [...GROUP_METRICS];
}

function significantTable(report: AuditReport): ReportTable {
  const level = formatPercent(report.confidence);
  const significant = significantDisparities(report);
  return {
    title: significantTitle(report),
    note:
      significant.length === 0
        ? 'None: no difference between groups is statistically distinguishable from chance.'
        : `Differences against the reference group and between the extreme groups, with ${level} intervals. Ratios, to-overall comparisons and the complementary rates (fnr, tnr, fdr, for) are in the JSON report.`,
    headers: [
      'attribute',
      'metric',
      'comparison',
      'group',
      'versus',
      'difference',
      `${level} CI`,
      'p',
      'q',
    ],
    rows: significant.map((d) => [
      d.attribute,
      d.metric,
      d.kind.replace(/_difference$/, ''),
      describeGroup(d.group),
      d.reference === 'overall' ? 'overall' : describeGroup(d.reference),
      signed(d.value),
      formatInterval(d.ci),
      formatP(d.p_value),
      formatP(d.q_value),
    ]),
  };
}

function groupTable(report: AuditReport): ReportTable {
  const metrics = groupTableMetrics(report);
  return {
    title: 'Per-group metrics',
    note: `Each value with its ${formatPercent(report.confidence)} interval; * marks groups under the minimum of ${report.min_samples} rows, shown but not compared.`,
    headers: ['attribute', 'group', 'n', ...metrics],
    rows: [
      [
        '(all)',
        'overall',
        formatCount(report.overall.n),
        ...metrics.map((m) => formatMetric(report.overall.metrics[m])),
      ],
      ...report.groups.map((g) => [
        g.attribute,
        describeGroup(g.attributes) + (g.insufficient ? ' *' : ''),
        formatCount(g.n),
        ...metrics.map((m) => formatMetric(g.metrics[m])),
      ]),
    ],
  };
}

function summaryTable(report: AuditReport): ReportTable {
  return {
    title: 'Fairlearn summaries (between groups: max - min, min / max)',
    headers: ['attribute', ...SUMMARY_NAMES],
    rows: Object.entries(report.summary).map(([attribute, summary]) => [
      attribute,
      ...SUMMARY_NAMES.map((name) => {
        const s = summary[name];
        return s.value === null ? 'undefined' : `${formatNumber(s.value)} ${formatInterval(s.ci)}`;
      }),
    ]),
  };
}

export function exclusionTable(report: AuditReport): ReportTable {
  const excluded = report.excluded.map((e) => [
    e.attribute,
    describeGroup(e.group),
    e.metric ?? 'all',
    e.reason,
  ]);
  return {
    title: 'Excluded from comparisons',
    note:
      excluded.length === 0
        ? 'Nothing: every group had enough rows and every rate was defined.'
        : 'An undefined rate is reported as null, never as 0.',
    headers: ['attribute', 'group', 'metric', 'reason'],
    rows: excluded,
  };
}

export function skippedTable(report: AuditReport): ReportTable {
  return {
    title: `Skipped rows: ${formatCount(report.skipped_count)} of ${formatCount(report.rows + report.skipped_count)}`,
    note:
      report.skipped_count === 0
        ? 'None.'
        : `By reason: ${Object.entries(report.skipped_by_reason)
            .map(([r, n]) => `${r} ${formatCount(n)}`)
            .join(', ')}. The first ${report.skipped.length}:`,
    headers: ['where', 'reason'],
    rows: report.skipped.map((s) => [
      s.line !== undefined ? `line ${s.line}` : `row ${s.row ?? '?'}`,
      s.reason,
    ]),
  };
}

function countTests(disparities: readonly Disparity[]): number {
  return new Set(disparities.map((d) => d.test_id)).size;
}

export function formatMetric(metric: MetricValue): string {
  if (metric.value === null) return 'null';
  return metric.ci
    ? `${formatNumber(metric.value)} ${formatInterval(metric.ci)}`
    : formatNumber(metric.value);
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(3);
}

export function signed(value: number): string {
  return (value > 0 ? '+' : '') + formatNumber(value);
}

export function formatInterval(ci: Interval | null): string {
  return ci ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : '';
}

export function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}

export function formatP(p: number | null): string {
  if (p === null) return '';
  if (p === 0) return '<1e-300';
  if (p < 1e-4) return p.toExponential(1);
  return p.toFixed(4);
}

export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
