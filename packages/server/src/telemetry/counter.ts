import type { FamilyDefinition } from './familyDefinition.js';
import type { FamilySnapshot, LabelValues } from './metricSnapshot.js';
import { SeriesTable } from './seriesTable.js';

/**
 * A monotonically increasing count per label combination. An increment that is negative or
 * not finite is ignored rather than thrown: metrics never take the hot path down.
 */
export class Counter<L extends string> {
  private readonly table: SeriesTable<{ value: number }>;

  constructor(private readonly definition: FamilyDefinition) {
    this.table = new SeriesTable(
      definition.labelNames,
      definition.maxSeries,
      () => ({ value: 0 }),
      definition.onDrop,
    );
    // An unlabelled counter is exported as 0 before its first increment.
    if (definition.labelNames.length === 0) this.table.getOrCreate({});
  }

  get name(): string {
    return this.definition.name;
  }

  inc(labels: LabelValues<L>, amount = 1): void {
    if (!(amount >= 0 && amount < Infinity)) return;
    const series = this.table.getOrCreate(labels);
    if (series !== undefined) series.value += amount;
  }

  /** The current value of a series, or undefined when it has not been created. */
  get(labels: LabelValues<L>): number | undefined {
    return this.table.find(labels)?.value;
  }

  snapshot(): FamilySnapshot {
    return {
      name: this.definition.name,
      help: this.definition.help,
      type: 'counter',
      samples: this.table
        .entries()
        .map(({ labels, state }) => ({ name: this.definition.name, labels, value: state.value })),
    };
  }
}
