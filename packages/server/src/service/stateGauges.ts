import {
  LAG_BIN_UPPER_SECONDS,
  LAG_BINS_START,
  PENDING,
  CELL_FIELDS,
} from '../windows/cellCounts.js';
import type { MonitorService } from './monitorService.js';

/**
 * Gauges read from the service's state at scrape time: pending labels and label lag per
 * cohort attribute value, SLO burn rates, held outcomes. Cardinality is bounded by the
 * configured attributes' values (capped by the registry's series limit), not by events.
 */
export function registerStateGauges(service: MonitorService): void {
  const r = service.metrics.registry;
  r.observableGauge({
    name: 'fairwatch_pending_labels',
    help: 'Predictions in the minute buckets still waiting for their outcome, per model and attribute value.',
    labelNames: ['model', 'attribute', 'value'],
    collect: (observe) => {
      for (const [modelName, model] of service.statistics.models) {
        const cellValues = model.cells.cellValues();
        model.cells.attributes.forEach((attribute, a) => {
          const totals = new Map<string, number>();
          for (const version of model.versions.values()) {
            const tier = version.tiers[0]!;
            const sum = tier.sum(
              Number.NEGATIVE_INFINITY,
              Number.POSITIVE_INFINITY,
              model.cells.size,
            );
            cellValues.forEach((values, cell) => {
              const key = values[a] ?? '';
              totals.set(key, (totals.get(key) ?? 0) + sum[cell * CELL_FIELDS + PENDING]!);
            });
          }
          for (const [value, pending] of totals)
            observe({ model: modelName, attribute, value }, pending);
        });
      }
    },
  });
  r.observableGauge({
    name: 'fairwatch_label_lag_outcomes',
    help: 'Outcomes in the minute buckets by label lag bin (upper bound in seconds, not cumulative), per model.',
    // Not `le`: Prometheus reserves that label for cumulative histogram buckets, and these
    // counts are per bin (`promtool check metrics` refuses `le` on a gauge). `le_seconds` is the
    // name GET /v1/models/{model}/metrics gives the same bound.
    labelNames: ['model', 'le_seconds'],
    collect: (observe) => {
      for (const [modelName, model] of service.statistics.models) {
        const bins = new Float64Array(LAG_BIN_UPPER_SECONDS.length + 1);
        for (const version of model.versions.values()) {
          const sum = version.tiers[0]!.sum(
            Number.NEGATIVE_INFINITY,
            Number.POSITIVE_INFINITY,
            model.cells.size,
          );
          for (let cell = 0; cell < model.cells.size; cell++) {
            for (let bin = 0; bin < bins.length; bin++)
              bins[bin]! += sum[cell * CELL_FIELDS + LAG_BINS_START + bin]!;
          }
        }
        bins.forEach((count, bin) => {
          const upper =
            bin < LAG_BIN_UPPER_SECONDS.length ? String(LAG_BIN_UPPER_SECONDS[bin]) : '+Inf';
          observe({ model: modelName, le_seconds: upper }, count);
        });
      }
    },
  });
  r.observableGauge({
    name: 'fairwatch_held_outcomes',
    help: 'Outcomes waiting for their prediction.',
    collect: (observe) => {
      observe({}, service.store.heldOutcomes);
    },
  });
  r.observableGauge({
    name: 'fairwatch_slo_burn_rate',
    help: 'Highest burn rate over the SLO comparisons, per SLO and window.',
    labelNames: ['slo', 'window'],
    collect: (observe) => {
      for (const status of service.evaluator.sloStatuses(service.clock.now())) {
        const highest = new Map<string, number>();
        for (const comparison of status.comparisons) {
          for (const [window, rate] of Object.entries(comparison.burnRates)) {
            highest.set(window, Math.max(highest.get(window) ?? 0, rate));
          }
        }
        for (const [window, rate] of highest) observe({ slo: status.slo, window }, rate);
      }
    },
  });
  r.observableGauge({
    name: 'fairwatch_slo_disparity',
    help: 'Latest disparity of each SLO comparison (group vs compared group), per SLO, version and group.',
    labelNames: ['slo', 'version', 'group'],
    maxSeries: 500,
    collect: (observe) => {
      for (const status of service.evaluator.sloStatuses(service.clock.now())) {
        for (const comparison of status.comparisons) {
          if (comparison.value === null) continue;
          const group = Object.entries(comparison.group)
            .map(([name, value]) => `${name}=${value ?? ''}`)
            .join(',');
          observe({ slo: status.slo, version: comparison.version, group }, comparison.value);
        }
      }
    },
  });
  r.observableGauge({
    name: 'fairwatch_alerts',
    help: 'Alerts by state and severity.',
    labelNames: ['state', 'severity'],
    collect: (observe) => {
      const counts = new Map<string, number>();
      for (const record of service.evaluator.alertRecords()) {
        const key = `${record.lifecycle.state}|${record.severity}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, count] of counts) {
        const [state, severity] = key.split('|') as [string, string];
        observe({ state, severity }, count);
      }
    },
  });
  r.observableGauge({
    name: 'fairwatch_evaluation_last_duration_seconds',
    help: 'Duration of the latest evaluation of every SLO.',
    collect: (observe) => {
      observe({}, service.lastEvaluationMs / 1000);
    },
  });
}
