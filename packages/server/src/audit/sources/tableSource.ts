/**
 * What the auditor needs from a file format: its header, then its rows in columnar batches.
 *
 * Sources never allocate a string per cell on the hot path. Categorical columns (group
 * attributes, labels, predictions) arrive as integer codes into a per-column dictionary that
 * grows as new values appear; numeric columns (scores, weights) arrive as float64 values.
 * Decoding a code into a group, a label or a rejection happens once per distinct value,
 * in the auditor, not once per row.
 */

export type ColumnKind = 'categorical' | 'numeric';

export interface ColumnRequest {
  /** Index into `TableSource.columns`. */
  readonly index: number;
  readonly kind: ColumnKind;
}

/** Code of a categorical cell that is empty (CSV), null or absent (JSONL, Parquet). */
export const MISSING_CODE = -1;

export interface RowBatch {
  readonly length: number;
  /**
   * Where each row starts, 1-based, for messages: the physical line number for CSV and JSONL
   * (the header is line 1 of a CSV), the row number for Parquet (see `TableSource.positionName`).
   */
  readonly positions: Float64Array;
  /** One entry per request, in request order: codes for categorical requests, else undefined. */
  readonly codes: readonly (Int32Array | undefined)[];
  /** One entry per request, in request order: values for numeric requests, else undefined. NaN when missing or not a number. */
  readonly numbers: readonly (Float64Array | undefined)[];
  /**
   * One entry per request: for numeric requests, the raw text of cells that were present but
   * did not parse as a finite number, keyed by row index in this batch (so a rejection can
   * quote it). Empty for most batches.
   */
  readonly badNumbers: readonly (ReadonlyMap<number, string> | undefined)[];
}

/** A row that could not be read at all (a malformed JSON line, a CSV row with too few fields). */
export interface UnreadableRow {
  readonly position: number;
  readonly reason: string;
}

export interface ReadSink {
  /** A source may reuse the batch's arrays once this returns: copy what must outlive the call. */
  batch(batch: RowBatch): void;
  unreadable(row: UnreadableRow): void;
  /** Called now and then with how far the read has come, for a progress bar. */
  progress?(done: number, total: number): void;
}

export interface TableSource {
  /** Column names in file order. */
  readonly columns: readonly string[];
  /** 'line' for text formats, 'row' for Parquet: how `positions` read in messages. */
  readonly positionName: 'line' | 'row';
  /** The values seen so far in a categorical request's column, indexed by code. */
  dictionary(request: number): readonly string[];
  /** Reads every row once, delivering the requested columns batch by batch. */
  read(requests: readonly ColumnRequest[], sink: ReadSink): Promise<void>;
  close(): Promise<void>;
}
