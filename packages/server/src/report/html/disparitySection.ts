import { FOUR_FIFTHS_BAND, type Disparity } from '@fairwatch/core';
import type { AuditReport } from '../../audit/auditReport.js';
import {
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  signed,
  significantDisparities,
  significantTitle,
} from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import { intervalBar } from '../svg/intervalBar.js';
import { groupWithSize } from './groupLabels.js';
import { htmlTable, type HtmlCell } from './htmlTable.js';

/**
 * The significant disparities, most significant first, each drawn against what is allowed:
 * the difference against 0, the ratio of the same comparison (same test) against the
 * four-fifths band.
 */
export function disparitySection(report: AuditReport): string {
  const significant = significantDisparities(report);
  const level = formatPercent(report.confidence);
  const parts = [
    '<section class="lead" id="significant">',
    `<h2>${escapeXml(significantTitle(report))}</h2>`,
  ];
  if (significant.length === 0) {
    parts.push(
      '<p>None: no difference between groups is statistically distinguishable from chance.</p>',
      '</section>',
    );
    return parts.join('\n');
  }
  parts.push(
    `<p>Differences against the reference group and between the groups with the highest and lowest rate, with ${escapeXml(level)} intervals. ` +
      'Each bar shows the estimate (dot) and its interval; a difference is drawn against the 0 line, the ratio of the same comparison against the shaded four-fifths band 0.8-1.25 on a log scale. ' +
      'To-overall comparisons and the complementary rates (fnr, tnr, fdr, for) are in the JSON report.</p>',
  );
  const rows = significant.map((d, i) => disparityRow(report, d, i));
  parts.push(
    htmlTable(
      [
        'attribute, metric',
        'comparison',
        `difference, ${level} CI`,
        '',
        `ratio, ${level} CI`,
        '',
        'p (test)',
        'q',
      ],
      rows,
    ),
    '</section>',
  );
  return parts.join('\n');
}

function disparityRow(report: AuditReport, d: Disparity, index: number): HtmlCell[] {
  const ratio = report.disparities.find(
    (r) => r.test_id === d.test_id && r.kind === d.kind.replace(/_difference$/, '_ratio'),
  );
  const versus =
    d.reference === 'overall' ? 'overall' : groupWithSize(report, d.attribute, d.reference);
  const group = groupWithSize(report, d.attribute, d.group);
  const [first, second] =
    d.kind === 'between_groups_difference'
      ? [`highest: ${group}`, `lowest: ${versus}`]
      : [group, `vs reference ${versus}`];
  const words = `${d.metric} of ${first} ${second}`;
  const cells: HtmlCell[] = [
    { html: `${escapeXml(d.attribute)}<br><strong>${escapeXml(d.metric)}</strong>` },
    { html: `${escapeXml(first)}<br>${escapeXml(second)}`, className: 'comparison' },
    valueCell(signed(d.value), d.ci),
    {
      html: intervalBar({
        id: `significant-${index}-difference`,
        kind: 'difference',
        value: d.value,
        ci: d.ci,
        band: [0, 0],
        title: `Difference in ${words}: ${signed(d.value)} ${formatInterval(d.ci)}`,
        description: 'Estimate and interval of the difference against the 0 line (no difference).',
      }),
      className: 'chart-cell',
    },
  ];
  if (ratio) {
    cells.push(valueCell(formatNumber(ratio.value), ratio.ci), {
      html: intervalBar({
        id: `significant-${index}-ratio`,
        kind: 'ratio',
        value: ratio.value,
        ci: ratio.ci,
        band: FOUR_FIFTHS_BAND,
        title: `Ratio in ${words}: ${formatNumber(ratio.value)} ${formatInterval(ratio.ci)}${ratio.outside_four_fifths ? ', outside the four-fifths band' : ''}`,
        description:
          'Estimate and interval of the ratio against the four-fifths band 0.8-1.25, log scale.',
      }),
      className: 'chart-cell',
    });
  } else {
    cells.push({ html: '<span class="undefined">no ratio</span>' }, { html: '' });
  }
  cells.push(
    {
      html: `${escapeXml(formatP(d.p_value))}<span class="ci">${escapeXml(d.test)}</span>`,
      className: 'num',
    },
    { html: escapeXml(formatP(d.q_value)), className: 'num' },
  );
  return cells;
}

function valueCell(value: string, ci: Disparity['ci']): HtmlCell {
  return {
    html: `${escapeXml(value)}${ci ? `<span class="ci">${escapeXml(formatInterval(ci))}</span>` : ''}`,
    className: 'num',
  };
}
