/**
 * What a metric family looks like at scrape time: its name, help, type and samples. Families
 * produce snapshots; the exposition renders them. Nothing here knows about the text format.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** A label name and its value, in the family's label order. */
export type LabelPair = readonly [name: string, value: string];

/** The values of a family's labels, by label name. */
export type LabelValues<L extends string> = Readonly<Record<L, string>>;

export interface Sample {
  /** The full sample name, e.g. `x_bucket`, `x_sum` or `x_count` for a histogram `x`. */
  readonly name: string;
  readonly labels: readonly LabelPair[];
  readonly value: number;
}

export interface FamilySnapshot {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}
