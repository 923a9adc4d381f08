import type { CalibrationBin, GroupReport } from '@fairwatch/core';
import type { AuditReport } from '../../audit/auditReport.js';
import { formatCount, formatNumber } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import { binCaption, reliabilityDiagram } from '../svg/reliabilityDiagram.js';
import { cohortNames, groupLabel } from './groupLabels.js';
import { htmlTable, type HtmlCell } from './htmlTable.js';

/**
 * Reliability diagrams per group, when the report has scores. Probabilities get a diagram and
 * a table of the bins; other scores (deciles) get the reason there is none. Without a score
 * column there is no section.
 */
export function calibrationSection(report: AuditReport): string {
  if (report.input.score === null) return '';
  const parts = ['<section id="calibration">', '<h2>Calibration</h2>'];
  if (report.overall.calibration === null) {
    const reason = report.overall.metrics.ece.reason ?? 'scores are not probabilities';
    parts.push(
      `<p>No reliability diagram: ${escapeXml(reason)}. AUC is in the per-group table; Brier score and ECE need probabilities too.</p>`,
      '</section>',
    );
    return parts.join('\n');
  }
  parts.push(
    '<p>Per score bin of width 0.1: the mean predicted score (x) against the observed share of positive labels (y) with its interval; ' +
      'dot area is proportional to the rows in the bin. On the dashed diagonal, scores mean what they say. ' +
      'The grey curve behind each group is the overall one. ECE is the row-weighted mean distance from the diagonal.</p>',
  );
  const overall = report.overall.calibration;
  cohortNames(report).forEach((cohort, c) => {
    const groups = report.groups.filter((g) => g.attribute === cohort);
    const entries: { group: GroupReport; label: string }[] = [
      { group: report.overall, label: 'overall' },
      ...groups.map((g) => ({ group: g, label: groupLabel(g.attributes) })),
    ];
    const figures = entries.map(({ group, label }, g) => {
      if (group.calibration === null) {
        return `<figure><figcaption>${escapeXml(label)}: no diagram (${escapeXml(group.metrics.ece.reason ?? 'no calibration')})</figcaption></figure>`;
      }
      const ece = group.metrics.ece.value;
      return `<figure>${reliabilityDiagram({
        id: `reliability-${c}-${g}`,
        title: `Reliability diagram of ${cohort} ${label}`,
        description: `${label}, n ${formatCount(group.n)}, ECE ${ece === null ? 'undefined' : formatNumber(ece)}. ${group.calibration.map(binCaption).join('; ')}.`,
        heading: `${label}: n ${formatCount(group.n)}, ECE ${ece === null ? 'undefined' : formatNumber(ece)}${group.insufficient ? ' (insufficient)' : ''}`,
        bins: group.calibration,
        reference: g === 0 ? null : overall,
        insufficient: group.insufficient,
      })}</figure>`;
    });
    parts.push(
      `<div class="keep">\n<h3>${escapeXml(cohort)}</h3>`,
      `<div class="grid">\n${figures.join('\n')}\n</div>\n</div>`,
      binTable(entries),
    );
  });
  parts.push('</section>');
  return parts.join('\n');
}

/** The diagrams' numbers: per group and bin, mean score, observed rate and rows. */
function binTable(entries: readonly { group: GroupReport; label: string }[]): string {
  const bins = entries.find((e) => e.group.calibration !== null)?.group.calibration ?? [];
  const headers = ['group', 'ECE', ...bins.map((b) => `${b.low.toFixed(1)}-${b.high.toFixed(1)}`)];
  const rows = entries.map(({ group, label }): HtmlCell[] => [
    {
      html:
        escapeXml(label) + (group.insufficient ? '<span class="badge">insufficient</span>' : ''),
    },
    {
      html: escapeXml(
        group.metrics.ece.value === null ? 'undefined' : formatNumber(group.metrics.ece.value),
      ),
      className: 'num',
    },
    ...(group.calibration ?? []).map(binCell),
  ]);
  return [
    '<p class="legend">Each cell: mean score / observed rate, the interval of the observed rate, and the rows in the bin.</p>',
    htmlTable(headers, rows),
  ].join('\n');
}

function binCell(bin: CalibrationBin): HtmlCell {
  const observed = bin.observed_rate;
  if (bin.mean_score === null || observed.value === null) {
    return { html: '<span class="undefined">no rows</span>', className: 'num' };
  }
  const ci = observed.ci
    ? `[${formatNumber(observed.ci[0])}, ${formatNumber(observed.ci[1])}]`
    : '';
  return {
    html: `${escapeXml(formatNumber(bin.mean_score))} / ${escapeXml(formatNumber(observed.value))}<span class="ci">${escapeXml(ci)}</span><span class="ci">n ${escapeXml(formatCount(bin.n))}</span>`,
    className: 'num',
  };
}
