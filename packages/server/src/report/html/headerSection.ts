import type { AuditReport } from '../../audit/auditReport.js';
import { describeGroup } from '@fairwatch/core';
import { formatCount, formatPercent, significantDisparities } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';

/** What was audited and how: the facts a reader needs before trusting any number below. */
export function headerSection(report: AuditReport, generatedAt: string): string {
  const input = report.input;
  const positive =
    input.positive && input.positive.length > 0
      ? `positive = ${input.positive.map((v) => `'${v}'`).join(' or ')}, anything else negative`
      : 'positive = 1, true or yes; negative = 0, false or no';
  const decision =
    input.prediction !== null
      ? `column <code>${escapeXml(input.prediction)}</code> (${escapeXml(positive)})`
      : `<code>${escapeXml(input.score ?? '')}</code> &gt;= ${escapeXml(String(input.threshold ?? ''))}`;
  const skipped =
    report.skipped_count === 0
      ? 'none'
      : `${formatCount(report.skipped_count)} (${Object.entries(report.skipped_by_reason)
          .map(([reason, n]) => `${reason} ${formatCount(n)}`)
          .join(', ')}; listed in the last section)`;
  const references = Object.entries(report.references)
    .map(([cohort, group]) => `${cohort}: ${group === null ? 'none usable' : describeGroup(group)}`)
    .join('; ');
  const facts: [string, string][] = [
    ['File', `<code>${escapeXml(input.file)}</code> (${escapeXml(input.format)})`],
    ['Rows audited', escapeXml(formatCount(report.rows))],
    ['Rows skipped', escapeXml(skipped)],
    ['Label', `column <code>${escapeXml(input.label)}</code> (${escapeXml(positive)})`],
    ['Decision', decision],
    [
      'Score',
      input.score === null
        ? 'none (no AUC, Brier or calibration)'
        : `<code>${escapeXml(input.score)}</code>`,
    ],
    [
      'Weights',
      input.weight === null
        ? 'none'
        : `<code>${escapeXml(input.weight)}</code> (intervals at the Kish effective sample size)`,
    ],
    ['Groups', escapeXml(cohortList(report))],
    ['Reference groups', escapeXml(references)],
    [
      'Confidence',
      escapeXml(
        `${formatPercent(report.confidence)} intervals; significant means q <= ${Number((1 - report.confidence).toFixed(6))} (Benjamini-Hochberg false discovery rate)`,
      ),
    ],
    [
      'Minimum sample',
      escapeXml(
        `${report.min_samples} rows: smaller groups are shown, marked insufficient, and never compared`,
      ),
    ],
    ['Generated', escapeXml(generatedAt)],
  ];
  const significant = significantDisparities(report).length;
  const verdict =
    significant === 0
      ? '<p class="verdict none">No significant disparity: no difference between groups is statistically distinguishable from chance.</p>'
      : `<p class="verdict"><strong>${significant} significant ${significant === 1 ? 'disparity' : 'disparities'}</strong> (listed first below).</p>`;
  return [
    '<section class="lead">',
    `<h1>Fairness audit of ${escapeXml(input.file)}</h1>`,
    `<dl class="meta">\n${facts.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`,
    verdict,
    '</section>',
  ].join('\n');
}

function cohortList(report: AuditReport): string {
  const cohorts = [...new Set(report.groups.map((g) => g.attribute))];
  return cohorts.join(', ');
}
