import type { AttributeValue, CellStatisticsSnapshot } from '@fairwatch/core';
import type { ErrorCode } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import type { SkipReason, SkippedRow } from './skippedRows.js';
import type { FoldResult, FoldShard } from './foldFile.js';

/** What the main thread gives a fold worker. */
export interface FoldJob {
  readonly options: AuditOptions;
  readonly shard: FoldShard;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'done';
      readonly rows: number;
      readonly cellValues: readonly (readonly AttributeValue[])[];
      readonly statistics: CellStatisticsSnapshot;
      readonly csv: FoldResult['csv'];
      readonly skipped: {
        readonly count: number;
        readonly byReason: Partial<Record<SkipReason, number>>;
        readonly examples: readonly SkippedRow[];
      };
    }
  | { readonly type: 'error'; readonly code: ErrorCode | null; readonly message: string };

/** Checks the shape of a job; it comes from our own main thread, so a light check suffices. */
export function isFoldJob(value: unknown): value is FoldJob {
  if (typeof value !== 'object' || value === null) return false;
  if (!('options' in value) || !('shard' in value)) return false;
  const { options, shard } = value;
  return (
    typeof options === 'object' &&
    options !== null &&
    'file' in options &&
    typeof shard === 'object' &&
    shard !== null &&
    ('rowGroups' in shard || 'bytes' in shard)
  );
}
