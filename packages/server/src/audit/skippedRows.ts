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

  /** Adds the skipped rows another reader counted (a shard of the same file). */
  absorb(other: {
    readonly count: number;
    readonly byReason: Partial<Record<SkipReason, number>>;
    readonly examples: readonly SkippedRow[];
  }): void {
    this.count += other.count;
    for (const [reason, n] of Object.entries(other.byReason) as [SkipReason, number][]) {
      this.byReason[reason] = (this.byReason[reason] ?? 0) + n;
    }
    this.examples.push(...other.examples);
    this.examples.sort((a, b) => positionOf(a) - positionOf(b));
    this.examples.splice(SKIPPED_EXAMPLES);
  }

  /** Counts a skipped row; keeps it as an example if it is among the first by position. */
  add(reason: SkipReason, position: number, message: () => string): void {
    this.count++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    // Unreadable rows arrive as they are met, other rows a batch later, so sort as we keep.
    const full = this.examples.length >= SKIPPED_EXAMPLES;
    if (full && position >= positionOf(this.examples.at(-1)!)) return;
    const example: SkippedRow =
      this.positionName === 'line'
        ? { line: position, reason: message() }
        : { row: position, reason: message() };
    let at = this.examples.length;
    while (at > 0 && positionOf(this.examples[at - 1]!) > position) at--;
    this.examples.splice(at, 0, example);
    if (this.examples.length > SKIPPED_EXAMPLES) this.examples.pop();
  }
}

function positionOf(row: SkippedRow): number {
  return row.line ?? row.row ?? 0;
}
