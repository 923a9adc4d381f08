/** Rows left out of an audit: counted by reason, with the first few kept to show the user. */

export type SkipReason =
  | 'unreadable'
  | 'label_missing'
  | 'label_invalid'
  | 'prediction_missing'
  | 'prediction_invalid'
  | 'score_missing'
  | 'score_invalid'
  | 'weight_missing'
  | 'weight_invalid';

export interface SkippedRow {
  /** Line number (CSV, JSONL; the CSV header is line 1) or row number (Parquet), from 1. */
  readonly line?: number;
  readonly row?: number;
  readonly reason: string;
}

export const SKIPPED_EXAMPLES = 20;

export class SkippedRows {
  count = 0;
  readonly byReason: Partial<Record<SkipReason, number>> = {};
  readonly examples: SkippedRow[] = [];

  constructor(private readonly positionName: 'line' | 'row') {}

  add(reason: SkipReason, position: number, message: () => string): void {
    this.count++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    if (this.examples.length < SKIPPED_EXAMPLES) {
      this.examples.push(
        this.positionName === 'line'
          ? { line: position, reason: message() }
          : { row: position, reason: message() },
      );
    }
  }
}
