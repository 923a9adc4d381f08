import type { AuditReport } from '../audit/auditReport.js';
import { formatCount } from './reportTables.js';
import { reportTables, type ReportTable } from './reportTables.js';

/** The default report: aligned plain-text tables for a terminal. */
export function textReport(report: AuditReport): string {
  const lines = [
    `fairwatch audit of ${report.input.file}: ${formatCount(report.rows)} rows, groups ${report.input.groups.join(', ')}`,
    '',
  ];
  for (const table of reportTables(report)) {
    lines.push(table.title, '='.repeat(Math.min(table.title.length, 100)));
    if (table.note) lines.push(table.note);
    if (table.rows.length > 0) lines.push('', ...alignedTable(table));
    lines.push('');
  }
  return lines.join('\n');
}

function alignedTable(table: ReportTable): string[] {
  const widths = table.headers.map((h, c) =>
    Math.max(h.length, ...table.rows.map((r) => (r[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(table.headers), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)];
}
