import { Counter } from './counter.js';
import { renderExposition } from './exposition.js';
import type { FamilyDefinition } from './familyDefinition.js';
import { Gauge } from './gauge.js';
import { DEFAULT_BUCKETS, Histogram } from './histogram.js';
import type { FamilySnapshot } from './metricSnapshot.js';
import { ObservableGauge, type GaugeCallback } from './observableGauge.js';

export interface FamilyOptions<L extends string> {
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*`; a counter's name ends in `_total`. */
  readonly name: string;
  readonly help: string;
  /** `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`; none for an unlabelled family. */
  readonly labelNames?: readonly L[];
  /** The most label combinations kept; the registry's `defaultMaxSeries` when absent. */
  readonly maxSeries?: number;
}

export interface HistogramOptions<L extends string> extends FamilyOptions<L> {
  /** Upper bounds, finite and strictly increasing; `+Inf` is implied. Default `DEFAULT_BUCKETS`. */
  readonly buckets?: readonly number[];
}

export interface ObservableGaugeOptions<L extends string> extends FamilyOptions<L> {
  readonly collect: GaugeCallback<L>;
}

export interface RegistryOptions {
  /** The series bound of a family that does not set `maxSeries`; 1000 when absent. */
  readonly defaultMaxSeries?: number;
}

interface Family {
  readonly name: string;
  snapshot(): FamilySnapshot;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SERIES_DROPPED = 'fairwatch_metric_series_dropped_total';
const COLLECT_ERRORS = 'fairwatch_metric_collect_errors_total';

/**
 * The metric families a process exposes on `GET /metrics`. Families are registered once, at
 * startup, and registration throws on a bad name, label or bucket list (fail fast); updates
 * never throw. Every family holds at most `maxSeries` label combinations: an update that would
 * create one more is dropped and counted in `fairwatch_metric_series_dropped_total{family}`.
 * A callback gauge that throws at scrape time is counted in
 * `fairwatch_metric_collect_errors_total{family}`.
 */
export class MetricsRegistry {
  private readonly families = new Map<string, Family>();
  private readonly defaultMaxSeries: number;
  private readonly seriesDropped: Counter<'family'>;
  private readonly collectErrors: Counter<'family'>;

  constructor(options: RegistryOptions = {}) {
    this.defaultMaxSeries = options.defaultMaxSeries ?? 1000;
    checkMaxSeries('defaultMaxSeries', this.defaultMaxSeries);
    // At most one series per registered family, so these two need no bound of their own.
    this.seriesDropped = new Counter({
      name: SERIES_DROPPED,
      help: 'Updates refused because their metric family already had its maximum number of series.',
      labelNames: ['family'],
      maxSeries: Number.MAX_SAFE_INTEGER,
      onDrop: () => undefined,
    });
    this.collectErrors = new Counter({
      name: COLLECT_ERRORS,
      help: 'Scrapes at which a callback-collected metric family threw.',
      labelNames: ['family'],
      maxSeries: Number.MAX_SAFE_INTEGER,
      onDrop: () => undefined,
    });
  }

  counter<const L extends string = never>(options: FamilyOptions<L>): Counter<L> {
    if (!options.name.endsWith('_total')) {
      throw new TypeError(`counter '${options.name}' must be named with the suffix '_total'`);
    }
    return this.add(new Counter<L>(this.define(options)));
  }

  gauge<const L extends string = never>(options: FamilyOptions<L>): Gauge<L> {
    return this.add(new Gauge<L>(this.define(options)));
  }

  /** A gauge whose values `options.collect` reports at each scrape. */
  observableGauge<const L extends string = never>(options: ObservableGaugeOptions<L>): void {
    const definition = this.define(options);
    this.add(
      new ObservableGauge<L>(definition, options.collect, () => {
        this.collectErrors.inc({ family: definition.name });
      }),
    );
  }

  histogram<const L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    if (options.labelNames?.some((name) => name === 'le') === true) {
      throw new TypeError(`histogram '${options.name}' cannot have a label named 'le'`);
    }
    const buckets = options.buckets ?? DEFAULT_BUCKETS;
    const bad = buckets.findIndex(
      (bound, i) => !Number.isFinite(bound) || (i > 0 && bound <= (buckets[i - 1] ?? -Infinity)),
    );
    if (buckets.length === 0 || bad >= 0) {
      throw new RangeError(
        `histogram '${options.name}' needs finite, strictly increasing buckets; got [${buckets.join(', ')}]`,
      );
    }
    return this.add(new Histogram<L>(this.define(options), [...buckets]));
  }

  /** Every family's current samples. */
  collect(): FamilySnapshot[] {
    const snapshots = [...this.families.values()].map((family) => family.snapshot());
    // Last, so they include what collecting the callback gauges just dropped or failed.
    return [...snapshots, this.seriesDropped.snapshot(), this.collectErrors.snapshot()];
  }

  /** The body of `GET /metrics` (served with `EXPOSITION_CONTENT_TYPE`). */
  render(): string {
    return renderExposition(this.collect());
  }

  private define<L extends string>(options: FamilyOptions<L>): FamilyDefinition {
    const { name, help } = options;
    const labelNames: readonly string[] = options.labelNames ?? [];
    const maxSeries = options.maxSeries ?? this.defaultMaxSeries;
    if (!METRIC_NAME.test(name)) throw new TypeError(`'${name}' is not a valid metric name`);
    if (this.families.has(name) || name === SERIES_DROPPED || name === COLLECT_ERRORS) {
      throw new TypeError(`metric '${name}' is already registered`);
    }
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) {
        throw new TypeError(`metric '${name}': '${label}' is not a valid label name`);
      }
    }
    if (new Set(labelNames).size !== labelNames.length) {
      throw new TypeError(`metric '${name}' repeats a label name: ${labelNames.join(', ')}`);
    }
    checkMaxSeries(`metric '${name}': maxSeries`, maxSeries);
    return {
      name,
      help,
      labelNames: [...labelNames],
      maxSeries,
      onDrop: () => {
        this.seriesDropped.inc({ family: name });
      },
    };
  }

  private add<F extends Family>(family: F): F {
    this.families.set(family.name, family);
    return family;
  }
}

function checkMaxSeries(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer; got ${value}`);
  }
}
