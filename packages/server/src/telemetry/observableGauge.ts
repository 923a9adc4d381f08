import type { FamilyDefinition } from './familyDefinition.js';
import type { FamilySnapshot, LabelValues } from './metricSnapshot.js';
import { SeriesTable } from './seriesTable.js';

/**
 * Reports the gauge's current values: called once per scrape with an `observe` function to call
 * for each label combination.
 */
export type GaugeCallback<L extends string> = (
  observe: (labels: LabelValues<L>, value: number) => void,
) => void;

/**
 * A gauge whose values are read at scrape time from a callback (queue depths, open alerts, the
 * age of the newest statistic), so nothing has to keep it up to date. The series bound applies
 * per scrape. A callback that throws yields no samples for that scrape and `onError` is told.
 */
export class ObservableGauge<L extends string> {
  private readonly table: SeriesTable<{ value: number }>;

  constructor(
    private readonly definition: FamilyDefinition,
    private readonly callback: GaugeCallback<L>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.table = new SeriesTable(
      definition.labelNames,
      definition.maxSeries,
      () => ({ value: 0 }),
      definition.onDrop,
    );
  }

  get name(): string {
    return this.definition.name;
  }

  snapshot(): FamilySnapshot {
    this.table.clear();
    try {
      this.callback((labels, value) => {
        const series = this.table.getOrCreate(labels);
        if (series !== undefined) series.value = value;
      });
    } catch (error) {
      this.table.clear();
      this.onError(error);
    }
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
