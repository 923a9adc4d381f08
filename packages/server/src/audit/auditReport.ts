import type { AuditFindings } from '@fairwatch/core';
import type { InputFormat } from './auditOptions.js';
import type { SkipReason, SkippedRow } from './skippedRows.js';

/** The JSON audit report: a public contract, documented in the README. */
export interface AuditReport extends AuditFindings {
  readonly input: {
    readonly file: string;
    readonly format: InputFormat;
    readonly label: string;
    readonly prediction: string | null;
    readonly score: string | null;
    readonly threshold: number | null;
    readonly positive: readonly string[] | null;
    readonly groups: readonly string[];
    readonly weight: string | null;
  };
  /** Rows audited. */
  readonly rows: number;
  readonly skipped_count: number;
  readonly skipped_by_reason: Readonly<Partial<Record<SkipReason, number>>>;
  /** The first skipped rows. */
  readonly skipped: readonly SkippedRow[];
}
