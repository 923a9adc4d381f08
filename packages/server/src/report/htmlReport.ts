import type { AuditReport } from '../audit/auditReport.js';
import { reportTables } from './reportTables.js';

/** A minimal self-contained HTML page of the report's tables (no scripts, no network). */
export function htmlReport(report: AuditReport): string {
  const sections = reportTables(report).map((table) => {
    const head = `<tr>${table.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
    const body = table.rows
      .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
      .join('\n');
    return [
      `<h2>${escape(table.title)}</h2>`,
      table.note ? `<p>${escape(table.note)}</p>` : '',
      table.rows.length > 0 ? `<table>\n${head}\n${body}\n</table>` : '',
    ].join('\n');
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fairness audit of ${escape(report.input.file)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}th{background:#f3f3f3}</style>
</head><body>
<h1>Fairness audit of ${escape(report.input.file)}</h1>
${sections.join('\n')}
</body></html>
`;
}

function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
