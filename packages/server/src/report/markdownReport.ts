import type { AuditReport } from '../audit/auditReport.js';
import { formatCount, reportTables } from './reportTables.js';

/** The audit as a markdown document, significant disparities first. */
export function markdownReport(report: AuditReport): string {
  const out = [
    `# Fairness audit of \`${report.input.file}\``,
    '',
    `${formatCount(report.rows)} rows audited; label \`${report.input.label}\`, ` +
      (report.input.prediction !== null
        ? `prediction \`${report.input.prediction}\``
        : `prediction = \`${report.input.score ?? ''}\` >= ${report.input.threshold ?? ''}`) +
      `; groups ${report.input.groups.map((g) => `\`${g}\``).join(', ')}.`,
    '',
  ];
  for (const table of reportTables(report)) {
    out.push(`## ${table.title}`, '');
    if (table.note) out.push(table.note, '');
    if (table.rows.length > 0) {
      out.push(row(table.headers), row(table.headers.map(() => '---')), ...table.rows.map(row), '');
    }
  }
  return out.join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}
