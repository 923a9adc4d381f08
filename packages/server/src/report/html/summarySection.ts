import { SUMMARY_NAMES } from '@fairwatch/core';
import type { AuditReport } from '../../audit/auditReport.js';
import { formatInterval, formatNumber, formatPercent } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import { htmlTable, type HtmlCell } from './htmlTable.js';

/**
 * Fairlearn's summaries with one column per attribute (the six summary names as rows keep the
 * table inside a printed page however long the names are).
 */
export function summarySection(report: AuditReport): string {
  const cohorts = Object.keys(report.summary);
  const rows = SUMMARY_NAMES.map((name): HtmlCell[] => [
    { html: escapeXml(name) },
    ...cohorts.map((cohort): HtmlCell => {
      const value = report.summary[cohort]?.[name];
      if (!value || value.value === null) {
        return { html: '<span class="undefined">undefined</span>', className: 'num' };
      }
      const ci = value.ci ? `<span class="ci">${escapeXml(formatInterval(value.ci))}</span>` : '';
      return { html: `${escapeXml(formatNumber(value.value))}${ci}`, className: 'num' };
    }),
  ]);
  return [
    '<section id="summaries">',
    '<h2>Fairlearn summaries</h2>',
    `<p>Between groups, as Fairlearn defines them: differences are max - min, ratios min / max; equalized odds takes the worse of TPR and FPR. ${escapeXml(formatPercent(report.confidence))} intervals. Groups under the minimum sample are left out.</p>`,
    htmlTable(['summary', ...cohorts], rows),
    '</section>',
  ].join('\n');
}
