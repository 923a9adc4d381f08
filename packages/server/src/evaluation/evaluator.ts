import { createHash } from 'node:crypto';
import type { ServiceConfig, Severity, SloConfig } from '@fairwatch/contracts';
import { INACTIVE, nextLifecycle, type Lifecycle } from '../alerting/alertLifecycle.js';
import type { MonitorStatistics } from '../windows/monitorStatistics.js';
import { plannedMixturePrecision } from './mixturePlanning.js';
import { SliHistory, type SliSnapshot } from './sliHistory.js';
import { DenseBuckets } from './denseBuckets.js';
import { sloBreaches } from './sloBreaches.js';
import { sloEvidence, type ComparisonEvidence } from './sloComparisons.js';

/** Resolved alerts stay listed this long before they are dropped. */
const RESOLVED_KEEP_MS = 3_600_000;

export interface AlertRecord {
  readonly fingerprint: string;
  readonly severity: Severity;
  readonly key: string;
  lifecycle: Lifecycle;
  acknowledgedBy: string | null;
  evidence: ComparisonEvidence;
  burnRates: Record<string, number>;
  budgetRemaining: number;
}

export interface Transition {
  readonly fingerprint: string;
  readonly from: Lifecycle['state'];
  readonly to: Lifecycle['state'];
}

interface ComparisonState {
  readonly sli: SliHistory;
  evidence: ComparisonEvidence;
  bad: boolean;
  lastEvaluated: number;
}

export interface SloStatus {
  readonly slo: string;
  readonly model: string;
  readonly attribute: string;
  readonly objective: number;
  readonly metric: string;
  readonly kind: string;
  readonly band: readonly [number, number];
  readonly comparisons: readonly {
    readonly version: string;
    readonly group: Readonly<Record<string, string | null>>;
    readonly comparedWith: Readonly<Record<string, string | null>>;
    readonly value: number | null;
    readonly interval: readonly [number, number] | null;
    readonly groupTrials: number;
    readonly comparedTrials: number;
    readonly breached: boolean;
    readonly burnRates: Readonly<Record<string, number>>;
    readonly errorBudgetRemaining: number;
  }[];
  readonly status: 'ok' | 'breached' | 'no_data';
}

export interface EvaluatorSnapshot {
  readonly comparisons: readonly (readonly [string, SliSnapshot])[];
  readonly alerts: readonly {
    readonly fingerprint: string;
    readonly lifecycle: Lifecycle;
    readonly acknowledgedBy: string | null;
  }[];
}

/**
 * Evaluates every SLO at a given time: the change detector's evidence per comparison, e-BH
 * across each SLO's comparisons, the SLI (bad when the evidence says the band is breached),
 * multiwindow burn rates, and each alert's lifecycle. Time comes in as `now`; nothing here
 * reads a clock.
 */
export class Evaluator {
  private readonly config: ServiceConfig;
  private readonly statistics: MonitorStatistics;
  private readonly comparisons = new Map<string, ComparisonState>();
  private readonly records = new Map<string, AlertRecord>();
  private readonly rhos = new Map<string, number>();
  /** Saved state not yet matched to a comparison evaluated since the restart. */
  private readonly restoredHistories = new Map<string, SliHistory>();
  private readonly restoredAlerts = new Map<
    string,
    { lifecycle: Lifecycle; acknowledgedBy: string | null }
  >();
  lastEvaluatedAt: number | null = null;

  constructor(config: ServiceConfig, statistics: MonitorStatistics) {
    this.config = config;
    this.statistics = statistics;
  }

  evaluate(now: number): Transition[] {
    const transitions: Transition[] = [];
    const dense = new DenseBuckets();
    for (const slo of this.config.slos) {
      for (const evidence of this.evidenceOf(slo, now, dense)) {
        transitions.push(...this.advance(slo, evidence, now));
      }
    }
    for (const [fingerprint, record] of this.records) {
      const state = this.comparisons.get(record.key);
      if (state !== undefined && state.lastEvaluated === now) continue;
      // A comparison no longer evaluated (its version or group left the window) resolves.
      const before = record.lifecycle.state;
      record.lifecycle = nextLifecycle(record.lifecycle, false, now, 0);
      if (record.lifecycle.state !== before)
        transitions.push({ fingerprint, from: before, to: record.lifecycle.state });
      if (record.lifecycle.state === 'inactive' || this.expired(record, now))
        this.records.delete(fingerprint);
    }
    this.lastEvaluatedAt = now;
    return transitions;
  }

  /** The evidence for one SLO at `now`, with the comparisons in breach marked bad. */
  private evidenceOf(
    slo: SloConfig,
    now: number,
    dense: DenseBuckets,
  ): { evidence: ComparisonEvidence; bad: boolean }[] {
    const model = this.statistics.model(slo.model);
    const modelConfig = this.config.models.find((m) => m.name === slo.model);
    if (model === undefined || modelConfig === undefined) return [];
    const all: ComparisonEvidence[] = [];
    const logThreshold = Math.log(1 / slo.falseAlarmRate);
    for (const version of model.versions.values()) {
      if (version.lastSeen < now - slo.windowMs) continue;
      all.push(
        ...sloEvidence(slo, model, version, modelConfig.references, {
          now,
          logThreshold,
          rho: this.rhoOf(slo),
          minCellSize: this.config.privacy.minCellSize,
          dense,
        }),
      );
    }
    const breached = sloBreaches(all, slo.falseAlarmRate);
    return all.map((evidence, at) => ({ evidence, bad: breached[at]! }));
  }

  /** The SLO's mixture precision: it depends on the SLO alone, and its search is not cheap. */
  private rhoOf(slo: SloConfig): number {
    let rho = this.rhos.get(slo.name);
    if (rho === undefined) {
      rho = plannedMixturePrecision(slo);
      this.rhos.set(slo.name, rho);
    }
    return rho;
  }

  private advance(
    slo: SloConfig,
    found: { evidence: ComparisonEvidence; bad: boolean },
    now: number,
  ): Transition[] {
    const { evidence, bad } = found;
    const key = evidence.comparison.key;
    let state = this.comparisons.get(key);
    if (state === undefined) {
      state = {
        sli: this.restoredHistories.get(key) ?? new SliHistory(),
        evidence,
        bad,
        lastEvaluated: now,
      };
      this.restoredHistories.delete(key);
      this.comparisons.set(key, state);
    }
    state.evidence = evidence;
    state.bad = bad;
    state.lastEvaluated = now;
    const interval = this.config.server.evaluationIntervalMs;
    const longest = Math.max(0, ...slo.alerts.map((rule) => rule.longWindowMs));
    state.sli.record(now, bad, longest, slo.periodMs);
    const budgetRemaining = state.sli.budgetRemaining(slo.periodMs, interval, slo.objective);

    const transitions: Transition[] = [];
    for (const rule of slo.alerts) {
      const long = state.sli.burnRate(now, rule.longWindowMs, interval, slo.objective);
      const short = state.sli.burnRate(now, rule.shortWindowMs, interval, slo.objective);
      const fingerprint = fingerprintOf(key, rule.severity);
      let record = this.records.get(fingerprint);
      // Both windows must burn for an alert to start; a firing alert holds while the long
      // window still burns, so evidence hovering at the threshold does not make it flap.
      const firing = record?.lifecycle.state === 'firing';
      const holds = firing
        ? long >= rule.burnRate
        : evidence.sufficient && long >= rule.burnRate && short >= rule.burnRate;
      if (record === undefined) {
        const restored = this.restoredAlerts.get(fingerprint);
        if (!holds && restored === undefined) continue;
        this.restoredAlerts.delete(fingerprint);
        record = {
          fingerprint,
          severity: rule.severity,
          key,
          lifecycle: restored?.lifecycle ?? INACTIVE,
          acknowledgedBy: restored?.acknowledgedBy ?? null,
          evidence,
          burnRates: {},
          budgetRemaining,
        };
        this.records.set(fingerprint, record);
      }
      record.evidence = evidence;
      record.burnRates = {
        [windowName(rule.longWindowMs)]: long,
        [windowName(rule.shortWindowMs)]: short,
      };
      record.budgetRemaining = budgetRemaining;
      const before = record.lifecycle.state;
      record.lifecycle = nextLifecycle(record.lifecycle, holds, now, slo.forMs);
      if (record.lifecycle.state === 'resolved' && before === 'firing')
        record.acknowledgedBy = null;
      if (record.lifecycle.state !== before)
        transitions.push({ fingerprint, from: before, to: record.lifecycle.state });
      if (record.lifecycle.state === 'inactive' || this.expired(record, now))
        this.records.delete(fingerprint);
    }
    return transitions;
  }

  private expired(record: AlertRecord, now: number): boolean {
    return (
      record.lifecycle.state === 'resolved' &&
      now - (record.lifecycle.resolvedAt ?? now) > RESOLVED_KEEP_MS
    );
  }

  /** Alerts that are pending, firing or recently resolved. */
  alertRecords(): AlertRecord[] {
    return [...this.records.values()];
  }

  record(fingerprint: string): AlertRecord | undefined {
    return this.records.get(fingerprint);
  }

  acknowledge(fingerprint: string, by: string): boolean {
    const record = this.records.get(fingerprint);
    if (record === undefined) return false;
    record.acknowledgedBy = by;
    return true;
  }

  /** Each SLO with its comparisons' latest evidence, burn rates and budgets. */
  sloStatuses(now: number): SloStatus[] {
    const interval = this.config.server.evaluationIntervalMs;
    return this.config.slos.map((slo) => {
      const comparisons = [...this.comparisons.values()]
        .filter(
          (state) =>
            state.evidence.comparison.slo.name === slo.name &&
            state.lastEvaluated === this.lastEvaluatedAt,
        )
        .map((state) => {
          const burnRates: Record<string, number> = {};
          for (const rule of slo.alerts) {
            for (const windowMs of [rule.longWindowMs, rule.shortWindowMs]) {
              burnRates[windowName(windowMs)] = state.sli.burnRate(
                now,
                windowMs,
                interval,
                slo.objective,
              );
            }
          }
          return {
            version: state.evidence.comparison.version,
            group: state.evidence.comparison.group,
            comparedWith: state.evidence.comparison.comparedWith,
            value: state.evidence.change.estimate,
            interval: state.evidence.change.interval,
            groupTrials: state.evidence.groupTrials,
            comparedTrials: state.evidence.comparedTrials,
            breached: state.bad,
            burnRates,
            errorBudgetRemaining: state.sli.budgetRemaining(slo.periodMs, interval, slo.objective),
          };
        });
      const status: SloStatus['status'] =
        comparisons.length === 0
          ? 'no_data'
          : comparisons.some((c) => c.breached)
            ? 'breached'
            : 'ok';
      return {
        slo: slo.name,
        model: slo.model,
        attribute: slo.attribute,
        objective: slo.objective,
        metric: slo.metric,
        kind: slo.kind,
        band: slo.band,
        comparisons,
        status,
      };
    });
  }

  snapshot(): EvaluatorSnapshot {
    return {
      comparisons: [...this.comparisons.entries()]
        .filter(([, state]) => !state.sli.empty)
        .map(([key, state]) => [key, state.sli.snapshot()] as const),
      alerts: [...this.records.values()].map((record) => ({
        fingerprint: record.fingerprint,
        lifecycle: record.lifecycle,
        acknowledgedBy: record.acknowledgedBy,
      })),
    };
  }

  /** Restores SLI histories and alert lifecycles saved by `snapshot`. */
  restore(snapshot: EvaluatorSnapshot): void {
    for (const [key, sli] of snapshot.comparisons) {
      this.restoredHistories.set(key, SliHistory.fromSnapshot(sli));
    }
    for (const alert of snapshot.alerts) {
      this.restoredAlerts.set(alert.fingerprint, {
        lifecycle: alert.lifecycle,
        acknowledgedBy: alert.acknowledgedBy,
      });
    }
  }
}

export function fingerprintOf(key: string, severity: Severity): string {
  return createHash('sha256').update(`${key}|${severity}`).digest('hex').slice(0, 16);
}

export function windowName(ms: number): string {
  if (ms % 86_400_000 === 0) return `${String(ms / 86_400_000)}d`;
  if (ms % 3_600_000 === 0) return `${String(ms / 3_600_000)}h`;
  if (ms % 60_000 === 0) return `${String(ms / 60_000)}m`;
  return `${String(ms / 1000)}s`;
}
