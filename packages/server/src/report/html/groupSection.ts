import type { GroupReport, MetricName } from '@fairwatch/core';
import type { AuditReport } from '../../audit/auditReport.js';
import { formatCount, formatPercent } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import { forestPlot, type ForestRow } from '../svg/forestPlot.js';
import { cohortNames, groupLabel } from './groupLabels.js';
import { htmlTable, type HtmlCell } from './htmlTable.js';
import { metricCell, metricWords } from './metricCell.js';

/** The rates drawn as forest plots: who is selected, and the errors a decision makes. */
const PLOTTED: readonly MetricName[] = ['selection_rate', 'tpr', 'fpr', 'ppv', 'accuracy'];

/**
 * Per attribute (and intersection): a forest plot of the main rates per group against the
 * overall rate, then the full table with intervals (and AUC, Brier, ECE when there are scores).
 */
export function groupSection(report: AuditReport): string {
  const level = formatPercent(report.confidence);
  const { shown: scoreMetrics, note: scoreNote } = scoreColumns(report);
  const tableMetrics: MetricName[] = [...PLOTTED, 'balanced_accuracy', ...scoreMetrics];
  const parts = [
    '<section id="groups">',
    '<h2>Per-group metrics</h2>',
    `<p>Each group's rate (dot) with its ${escapeXml(level)} Wilson interval; the dashed line is the overall rate (black square). ` +
      `Groups with fewer than ${report.min_samples} rows are drawn hollow and marked <span class="badge">insufficient</span>: shown, never compared. ` +
      'Intervals of small groups that run past an axis end in an arrow. An undefined rate (zero denominator) is written out with its reason, never drawn as 0.</p>',
  ];
  if (scoreNote !== '') parts.push(`<p>${escapeXml(scoreNote)}</p>`);
  cohortNames(report).forEach((cohort, c) => {
    const groups = report.groups.filter((g) => g.attribute === cohort);
    const reference = report.references[cohort];
    parts.push(
      '<div class="keep">',
      `<h3>${escapeXml(cohort)}</h3>`,
      `<p class="legend">${groups.length} groups; reference group: ${escapeXml(reference ? groupLabel(reference) : 'none with enough rows')}.</p>`,
      `<figure>${forestPlot({
        id: `forest-${c}`,
        title: `${cohort}: ${PLOTTED.join(', ')} per group with ${level} intervals`,
        description: `Forest plot, one row per ${cohort} group and one panel per rate; the overall rate is the dashed line. The same numbers are in the table below.`,
        panels: PLOTTED.map((metric) => ({
          title: metric,
          reference: report.overall.metrics[metric].value,
        })),
        rows: [
          forestRow(report.overall, 'overall', true),
          ...groups.map((g) => forestRow(g, groupLabel(g.attributes), false)),
        ],
      })}</figure>`,
      '</div>',
      htmlTable(
        ['group', 'n', ...tableMetrics],
        [report.overall, ...groups].map((g, i) => [
          {
            html:
              escapeXml(i === 0 ? 'overall' : groupLabel(g.attributes)) +
              (g.insufficient ? '<span class="badge">insufficient</span>' : ''),
          },
          { html: escapeXml(formatCount(g.n)), className: 'num' },
          ...tableMetrics.map((m): HtmlCell => metricCell(g.metrics[m])),
        ]),
        [report.overall, ...groups].map((g, i) =>
          i === 0 ? 'overall' : g.insufficient ? 'insufficient' : undefined,
        ),
      ),
    );
  });
  parts.push('</section>');
  return parts.join('\n');
}

function forestRow(group: GroupReport, label: string, emphasis: boolean): ForestRow {
  return {
    label,
    n: formatCount(group.n),
    insufficient: group.insufficient,
    emphasis,
    cells: PLOTTED.map((metric) => {
      const value = group.metrics[metric];
      return {
        value: value.value,
        ci: value.ci,
        ...(value.reason !== undefined ? { reason: value.reason } : {}),
        caption: `${label}: ${metric} ${metricWords(value)}, n ${formatCount(group.n)}${group.insufficient ? ', insufficient' : ''}`,
      };
    }),
  };
}

/**
 * The score metrics given a column: those some row defines. A metric undefined everywhere for
 * one reason (Brier of decile scores) is said once instead of in every cell.
 */
function scoreColumns(report: AuditReport): { shown: MetricName[]; note: string } {
  if (report.input.score === null) return { shown: [], note: '' };
  const shown: MetricName[] = [];
  const dropped: string[] = [];
  for (const metric of ['auc', 'brier', 'ece'] as const) {
    const rows = [report.overall, ...report.groups];
    if (rows.some((g) => g.metrics[metric].value !== null)) shown.push(metric);
    else dropped.push(`${metric}: ${report.overall.metrics[metric].reason ?? 'undefined'}`);
  }
  return {
    shown,
    note:
      dropped.length === 0
        ? ''
        : `Undefined for every group, so not tabled: ${dropped.join('; ')}.`,
  };
}
