import type { ReportTable } from '../reportTables.js';
import { escapeXml } from '../svg/escapeXml.js';

/** A table cell already rendered as HTML (its data escaped by whoever built it). */
export interface HtmlCell {
  readonly html: string;
  readonly className?: string;
}

/** A table of HTML cells with a header row; `rowClasses` marks rows (e.g. insufficient). */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly HtmlCell[])[],
  rowClasses: readonly (string | undefined)[] = [],
): string {
  const head = `<thead><tr>${headers.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row, r) => {
      const rowClass = rowClasses[r];
      const cells = row
        .map((c) =>
          c.className ? `<td class="${c.className}">${c.html}</td>` : `<td>${c.html}</td>`,
        )
        .join('');
      return rowClass ? `<tr class="${rowClass}">${cells}</tr>` : `<tr>${cells}</tr>`;
    })
    .join('\n');
  return `<table>\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** One of the plain report tables (text cells) as HTML, with its note. */
export function reportTableHtml(table: ReportTable): string {
  return [
    `<h3>${escapeXml(table.title)}</h3>`,
    table.note ? `<p>${escapeXml(table.note)}</p>` : '',
    table.rows.length > 0
      ? htmlTable(
          table.headers,
          table.rows.map((row) => row.map((text) => ({ html: escapeXml(text) }))),
        )
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
