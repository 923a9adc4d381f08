import type { LabelPair, LabelValues } from './metricSnapshot.js';

/**
 * The series of one metric family, keyed by their label values, holding at most `maxSeries`.
 * Once full, a new label combination is not created: `getOrCreate` returns undefined and
 * calls `onDrop` (once per refused update), so a label with unbounded values cannot exhaust
 * memory.
 */
export class SeriesTable<S> {
  private readonly series = new Map<string, { readonly labels: readonly LabelPair[]; state: S }>();

  constructor(
    private readonly labelNames: readonly string[],
    private readonly maxSeries: number,
    private readonly create: () => S,
    private readonly onDrop: () => void,
  ) {}

  getOrCreate(labels: LabelValues<string>): S | undefined {
    const values = this.valuesOf(labels);
    const key = JSON.stringify(values);
    const existing = this.series.get(key);
    if (existing !== undefined) return existing.state;
    if (this.series.size >= this.maxSeries) {
      this.onDrop();
      return undefined;
    }
    const state = this.create();
    this.series.set(key, {
      labels: this.labelNames.map((name, i): LabelPair => [name, values[i] ?? '']),
      state,
    });
    return state;
  }

  /** The series with these label values, without creating it. */
  find(labels: LabelValues<string>): S | undefined {
    return this.series.get(JSON.stringify(this.valuesOf(labels)))?.state;
  }

  /** The series ordered by their label values, so a scrape does not depend on update order. */
  entries(): { readonly labels: readonly LabelPair[]; readonly state: S }[] {
    return [...this.series.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => entry);
  }

  get size(): number {
    return this.series.size;
  }

  clear(): void {
    this.series.clear();
  }

  private valuesOf(labels: LabelValues<string>): string[] {
    // A missing value (possible only from untyped callers) is the empty string, as in Prometheus.
    return this.labelNames.map((name) => labels[name] ?? '');
  }
}
