import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InputError, UsageError } from '../errors.js';
import type { AuditOptions, InputFormat } from '../audit/auditOptions.js';
import type { AuditReport } from '../audit/auditReport.js';
import { runAudit } from '../audit/runAudit.js';
import { htmlReport } from '../report/htmlReport.js';
import { markdownReport } from '../report/markdownReport.js';
import { textReport } from '../report/textReport.js';
import type { CliIo } from './cliIo.js';
import { progressBar } from './progressBar.js';

export const AUDIT_HELP = `Usage: fairwatch audit <file> --label COL (--prediction COL | --score COL --threshold T) --group COL[,COL...] [options]

Audits a file of scored decisions for per-group fairness: metrics with confidence intervals,
disparities with significance after multiple-testing control, and Fairlearn's summaries.

Input
  <file>                  CSV, JSONL (NDJSON) or Parquet, by extension
  --input-format F        csv | jsonl | parquet, when the extension does not tell
  --label COL             the observed outcome (0/1)
  --prediction COL        the model's decision (0/1)
  --score COL             the model's score; with --threshold, decision = score >= T
  --threshold T           decision threshold for --score
  --positive VALUE        the label/prediction value meaning positive (repeatable; default
                          1, true, yes; then every other value is negative)
  --weight COL            sample weights (intervals use the Kish effective sample size)
Groups
  --group COL[,COL...]    sensitive attributes, each audited alone
  --intersect             also audit every intersection of two or more attributes
  --reference COL=VALUE   reference group for an attribute (repeatable; default: the largest)
Statistics
  --min-samples N         groups with fewer rows are shown but not compared (default 30)
  --confidence C          interval level and 1 - FDR level (default 0.95)
  --threads N             worker threads for CSV and Parquet files (default: the cores,
                          up to 4, for files over 16 MB; 1 reads in this process)
Output
  --report FORMAT         text (default), markdown, json or html
  --output PATH           write the report to PATH instead of stdout

Exit codes: 0 audit done, 2 usage or input error.`;

const REPORT_FORMATS = ['text', 'markdown', 'json', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { options, report: format, output } = parseAuditArgs(args);
  if (options === null) {
    io.stdout(`${AUDIT_HELP}\n`);
    return 0;
  }
  const bar = progressBar(io, 'reading');
  let report: AuditReport;
  try {
    report = await runAudit(options, bar.update);
  } finally {
    bar.finish();
  }
  // The one clock read of an audit: the HTML report says when it was made.
  const rendered = render(report, format, new Date().toISOString());
  if (output !== undefined) {
    await writeFile(output, rendered).catch((error: unknown) => {
      throw new InputError(
        `--output ${output}: cannot write (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    });
    io.stderr(`wrote ${format} report to ${output}\n`);
  } else {
    io.stdout(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  }
  return 0;
}

function render(report: AuditReport, format: ReportFormat, generatedAt: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return markdownReport(report);
    case 'html':
      return htmlReport(report, { generatedAt });
    case 'text':
      return textReport(report);
  }
}

/** Validated options, or null options when help was asked for. */
export function parseAuditArgs(args: readonly string[]): {
  options: AuditOptions | null;
  report: ReportFormat;
  output: string | undefined;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'input-format': { type: 'string' },
        label: { type: 'string' },
        prediction: { type: 'string' },
        score: { type: 'string' },
        threshold: { type: 'string' },
        positive: { type: 'string', multiple: true },
        weight: { type: 'string' },
        group: { type: 'string', multiple: true },
        intersect: { type: 'boolean' },
        reference: { type: 'string', multiple: true },
        'min-samples': { type: 'string' },
        confidence: { type: 'string' },
        threads: { type: 'string' },
        report: { type: 'string' },
        output: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}; see 'fairwatch audit --help'`,
      { cause: error },
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return { options: null, report: 'text', output: undefined };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'audit needs a file to read; see --help'
        : `audit reads one file, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const label = values.label;
  if (label === undefined)
    throw new UsageError('--label COL is required: the column of observed outcomes');
  const groups = (values.group ?? [])
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter((g) => g !== '');
  if (groups.length === 0)
    throw new UsageError('--group COL[,COL...] is required: the sensitive attributes to compare');
  if (new Set(groups).size !== groups.length)
    throw new UsageError(`--group lists a column twice: ${groups.join(', ')}`);
  if (values.prediction === undefined && values.score === undefined) {
    throw new UsageError('give --prediction COL, or --score COL with --threshold T');
  }
  if (values.prediction === undefined && values.threshold === undefined) {
    throw new UsageError(
      '--score needs --threshold T (decision = score >= T), or give --prediction COL',
    );
  }
  if (values.prediction !== undefined && values.threshold !== undefined) {
    throw new UsageError(
      '--threshold applies to --score only; with --prediction the decisions are given',
    );
  }
  const threshold =
    values.threshold === undefined ? undefined : parseFinite('--threshold', values.threshold);
  const minSamples =
    values['min-samples'] === undefined ? 30 : parseFinite('--min-samples', values['min-samples']);
  if (!Number.isInteger(minSamples) || minSamples < 0)
    throw new UsageError(
      `--min-samples must be a whole number >= 0, got ${values['min-samples'] ?? ''}`,
    );
  const confidence =
    values.confidence === undefined ? 0.95 : parseFinite('--confidence', values.confidence);
  if (!(confidence > 0 && confidence < 1))
    throw new UsageError(
      `--confidence must be between 0 and 1, e.g. 0.95; got ${values.confidence ?? ''}`,
    );
  const threads =
    values.threads === undefined ? undefined : parseFinite('--threads', values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    throw new UsageError(
      `--threads must be a whole number from 1 to 64, got ${values.threads ?? ''}`,
    );
  }
  const report = values.report ?? 'text';
  if (!isReportFormat(report))
    throw new UsageError(`--report must be one of ${REPORT_FORMATS.join(', ')}; got '${report}'`);
  const inputFormat = values['input-format'];
  if (inputFormat !== undefined && !isInputFormat(inputFormat)) {
    throw new UsageError(`--input-format must be csv, jsonl or parquet; got '${inputFormat}'`);
  }
  const references: Record<string, string> = {};
  for (const reference of values.reference ?? []) {
    const at = reference.indexOf('=');
    if (at <= 0) throw new UsageError(`--reference must be COL=VALUE, got '${reference}'`);
    const column = reference.slice(0, at);
    if (!groups.includes(column))
      throw new UsageError(
        `--reference ${reference}: '${column}' is not one of the --group columns (${groups.join(', ')})`,
      );
    references[column] = reference.slice(at + 1);
  }
  return {
    options: {
      file: positionals[0]!,
      inputFormat,
      label,
      prediction: values.prediction,
      score: values.score,
      threshold,
      positive: values.positive ?? [],
      groups,
      intersect: values.intersect ?? false,
      references,
      weight: values.weight,
      minSamples,
      confidence,
      threads,
    },
    report,
    output: values.output,
  };
}

function parseFinite(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`${flag} must be a number, got '${text}'`);
  return value;
}

function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

function isInputFormat(value: string): value is InputFormat {
  return value === 'csv' || value === 'jsonl' || value === 'parquet';
}
