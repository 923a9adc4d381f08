import type { FamilyDefinition } from './familyDefinition.js';
import type { FamilySnapshot, LabelValues } from './metricSnapshot.js';
import { SeriesTable } from './seriesTable.js';

/** A value per label combination that is set, or moved up and down, as things happen. */
export class Gauge<L extends string> {
  private readonly table: SeriesTable<{ value: number }>;

  constructor(private readonly definition: FamilyDefinition) {
    this.table = new SeriesTable(
      definition.labelNames,
      definition.maxSeries,
      () => ({ value: 0 }),
      definition.onDrop,
    );
    if (definition.labelNames.length === 0) this.table.getOrCreate({});
  }

  get name(): string {
    return this.definition.name;
  }

  set(labels: LabelValues<L>, value: number): void {
    const series = this.table.getOrCreate(labels);
    if (series !== undefined) series.value = value;
  }

  inc(labels: LabelValues<L>, amount = 1): void {
    const series = this.table.getOrCreate(labels);
    if (series !== undefined) series.value += amount;
  }

  dec(labels: LabelValues<L>, amount = 1): void {
    this.inc(labels, -amount);
  }

  /** The current value of a series, or undefined when it has not been created. */
  get(labels: LabelValues<L>): number | undefined {
    return this.table.find(labels)?.value;
  }

  snapshot(): FamilySnapshot {
    return {
      name: this.definition.name,
      help: this.definition.help,
      type: 'gauge',
      samples: this.table
        .entries()
        .map(({ labels, state }) => ({ name: this.definition.name, labels, value: state.value })),
    };
  }
}
