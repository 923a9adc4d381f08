import type { AuditReport } from '../audit/auditReport.js';
import { calibrationSection } from './html/calibrationSection.js';
import { disparitySection } from './html/disparitySection.js';
import { exclusionSection } from './html/exclusionSection.js';
import { groupSection } from './html/groupSection.js';
import { headerSection } from './html/headerSection.js';
import { HTML_STYLE } from './html/htmlStyle.js';
import { summarySection } from './html/summarySection.js';
import { escapeXml } from './svg/escapeXml.js';

export interface HtmlReportOptions {
  /** When the report was made, as the reader should see it; the caller reads the clock. */
  readonly generatedAt: string;
}

/**
 * The audit as one self-contained HTML file: inline CSS and SVG charts, no script, no URL, so
 * it can be mailed, archived or printed as it is. Significant disparities come first, then the
 * per-group metrics, calibration, Fairlearn's summaries, and what was excluded.
 */
export function htmlReport(report: AuditReport, options: HtmlReportOptions): string {
  const sections = [
    headerSection(report, options.generatedAt),
    disparitySection(report),
    groupSection(report),
    calibrationSection(report),
    summarySection(report),
    exclusionSection(report),
  ].filter((section) => section !== '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fairness audit of ${escapeXml(report.input.file)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}
