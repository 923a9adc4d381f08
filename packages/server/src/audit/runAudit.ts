import { auditFindings, UnknownReferenceError } from '@fairwatch/core';
import { InputError, MissingColumnError, UsageError } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import type { AuditReport } from './auditReport.js';
import { RowFolder } from './rowFolder.js';
import { formatFromExtension, openTableSource } from './sources/openSource.js';

export interface AuditProgress {
  (done: number, total: number): void;
}

/** Reads the file once, folding rows into per-cell statistics, and concludes. */
export async function runAudit(
  options: AuditOptions,
  progress?: AuditProgress,
): Promise<AuditReport> {
  const wanted = [
    options.label,
    options.prediction,
    options.score,
    options.weight,
    ...options.groups,
  ].filter((column) => column !== undefined);
  // JSONL objects may omit keys; naming the wanted ones lets a key first seen later count.
  const source = await openTableSource(options.file, options.inputFormat, {
    expectedColumns: wanted,
  });
  try {
    for (const column of wanted) {
      if (!source.columns.includes(column)) {
        throw new MissingColumnError(column, source.columns);
      }
    }
    const folder = new RowFolder(source, options);
    await source.read(folder.requests, {
      batch: (batch) => {
        folder.fold(batch);
      },
      unreadable: (row) => {
        folder.unreadable(row);
      },
      ...(progress ? { progress } : {}),
    });
    if (folder.rows === 0) {
      const why =
        folder.skipped.count > 0
          ? `all ${folder.skipped.count} rows were skipped, e.g. ${describeFirst(folder)}`
          : 'it has no data rows';
      throw new InputError(`${options.file}: nothing to audit: ${why}`);
    }
    const findings = auditWithReferences(folder, options);
    return {
      input: {
        file: options.file,
        format: options.inputFormat ?? formatFromExtension(options.file),
        label: options.label,
        prediction: options.prediction ?? null,
        score: options.score ?? null,
        threshold: options.prediction === undefined ? (options.threshold ?? null) : null,
        positive: options.positive.length > 0 ? options.positive : null,
        groups: options.groups,
        weight: options.weight ?? null,
      },
      rows: folder.rows,
      skipped_count: folder.skipped.count,
      skipped_by_reason: folder.skipped.byReason,
      skipped: folder.skipped.examples,
      ...findings,
    };
  } finally {
    await source.close();
  }
}

function auditWithReferences(
  folder: RowFolder,
  options: AuditOptions,
): ReturnType<typeof auditFindings> {
  try {
    return auditFindings(folder.statistics, folder.cellValues, {
      attributes: options.groups,
      intersections: options.intersect,
      references: options.references,
      minSamples: options.minSamples,
      confidence: options.confidence,
    });
  } catch (error) {
    if (error instanceof UnknownReferenceError) {
      const values = error.available.map((v) => v ?? '(missing)').join(', ');
      throw new UsageError(
        `--reference ${error.attribute}=${error.value}: no such value; ${error.attribute} has: ${values}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function describeFirst(folder: RowFolder): string {
  const first = folder.skipped.examples[0];
  if (!first) return 'no example kept';
  return `${first.line !== undefined ? `line ${first.line}` : `row ${first.row ?? '?'}`}: ${first.reason}`;
}
