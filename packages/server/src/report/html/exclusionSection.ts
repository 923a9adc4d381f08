import type { AuditReport } from '../../audit/auditReport.js';
import { exclusionTable, formatCount, skippedTable } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import { groupLabel } from './groupLabels.js';
import { reportTableHtml } from './htmlTable.js';

/**
 * What the comparisons left out and why: groups under the minimum sample, rates with a zero
 * denominator, score metrics that need probabilities, and the rows that could not be read.
 */
export function exclusionSection(report: AuditReport): string {
  const insufficient = report.groups.filter((g) => g.insufficient);
  const parts = ['<section id="excluded">', '<h2>What was excluded and why</h2>'];
  parts.push(
    '<h3>Groups under the minimum sample</h3>',
    insufficient.length === 0
      ? `<p>None: every group has at least ${report.min_samples} rows.</p>`
      : `<p>${insufficient
          .map(
            (g) =>
              `${escapeXml(g.attribute)} ${escapeXml(groupLabel(g.attributes))} (n ${escapeXml(formatCount(g.n))})`,
          )
          .join(
            '; ',
          )}: fewer than ${report.min_samples} rows, so shown but left out of every disparity, test and summary.</p>`,
  );
  if (report.input.score !== null && report.overall.calibration === null) {
    const reason = report.overall.metrics.ece.reason ?? 'scores are not probabilities';
    parts.push(
      `<p>Brier score, ECE and reliability diagrams: not computed, ${escapeXml(reason)}.</p>`,
    );
  }
  parts.push(
    reportTableHtml(exclusionTable(report)),
    reportTableHtml(skippedTable(report)),
    '</section>',
  );
  return parts.join('\n');
}
