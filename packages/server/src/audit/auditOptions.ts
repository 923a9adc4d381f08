import type { InputFormat } from './sources/openSource.js';

export type { InputFormat };

/** What `fairwatch audit` was asked to do, validated. */
export interface AuditOptions {
  readonly file: string;
  readonly inputFormat: InputFormat | undefined;
  readonly label: string;
  /** A column of 0/1 decisions; when absent, decisions are `score >= threshold`. */
  readonly prediction: string | undefined;
  readonly score: string | undefined;
  readonly threshold: number | undefined;
  /** Values that mean positive in the label and prediction columns; empty for the defaults. */
  readonly positive: readonly string[];
  readonly groups: readonly string[];
  readonly intersect: boolean;
  readonly references: Readonly<Record<string, string>>;
  readonly weight: string | undefined;
  readonly minSamples: number;
  readonly confidence: number;
  /** Worker threads for Parquet files; undefined chooses by file size and cores. */
  readonly threads: number | undefined;
}
