import type { MetricValue } from '@fairwatch/core';
import { formatInterval, formatNumber } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';
import type { HtmlCell } from './htmlTable.js';

/** A metric as a table cell: the value, its interval beneath; undefined with its reason. */
export function metricCell(metric: MetricValue): HtmlCell {
  if (metric.value === null) {
    return {
      html: `<span class="undefined">undefined (${escapeXml(metric.reason ?? 'no value')})</span>`,
      className: 'num',
    };
  }
  const ci = metric.ci ? `<span class="ci">${escapeXml(formatInterval(metric.ci))}</span>` : '';
  return { html: `${escapeXml(formatNumber(metric.value))}${ci}`, className: 'num' };
}

/** The same in words, for chart titles: "0.412 [0.380, 0.445]" or "undefined (no rows)". */
export function metricWords(metric: MetricValue): string {
  if (metric.value === null) return `undefined (${metric.reason ?? 'no value'})`;
  return metric.ci
    ? `${formatNumber(metric.value)} ${formatInterval(metric.ci)}`
    : formatNumber(metric.value);
}
