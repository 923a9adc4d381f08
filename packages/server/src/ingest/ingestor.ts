import {
  validateDeployment,
  validateOutcome,
  validatePrediction,
  type Checked,
  type PredictionEvent,
} from '@fairwatch/contracts';
import type { SqliteStore, StoredPrediction } from '../store/sqliteStore.js';
import type { CellDictionary } from '../windows/cellDictionary.js';
import type { MonitorStatistics } from '../windows/monitorStatistics.js';
import type { EventItem } from './eventItems.js';
import type {
  EventKind,
  IngestCounters,
  IngestResult,
  Rejection,
  RejectionCode,
} from './ingestResult.js';

export interface IngestPolicy {
  /** Decision thresholds by model name; a model not here is unknown. */
  readonly thresholds: ReadonlyMap<string, number>;
  /** Predictions stamped further ahead of the wall clock are rejected. */
  readonly maxFutureSkewMs: number;
  /** Predictions older than this (the coarsest statistics' retention) are rejected. */
  readonly maxAgeMs: number;
}

/**
 * Turns request items into committed events: validates each, writes the good ones in one
 * transaction, and only after the commit adds them to the in-memory statistics, so memory
 * never holds what the store does not.
 */
export class Ingestor {
  private readonly store: SqliteStore;
  private readonly statistics: MonitorStatistics;
  private readonly policy: IngestPolicy;
  private readonly counters: IngestCounters;

  constructor(
    store: SqliteStore,
    statistics: MonitorStatistics,
    policy: IngestPolicy,
    counters: IngestCounters,
  ) {
    this.store = store;
    this.statistics = statistics;
    this.policy = policy;
    this.counters = counters;
  }

  predictions(items: readonly EventItem[], now: number): IngestResult {
    const rejected: Rejection[] = [];
    const valid: { index: number; event: PredictionEvent }[] = [];
    for (const { index, value: event } of validItems(items, validatePrediction, rejected)) {
      const problem = this.timeProblem(event.ts, now) ?? this.modelProblem(event.model);
      if (problem !== null) {
        rejected.push({ index, ...problem });
        continue;
      }
      valid.push({ index, event });
    }

    const applied: (() => void)[] = [];
    let duplicates = 0;
    let latestTs: number | null = null;
    /** Cell counts before this batch added cells, to take them back if it does not commit. */
    const cellsBefore = new Map<CellDictionary, number>();
    try {
      this.store.atomically(() => {
        for (const { index, event } of valid) {
          const model = this.statistics.model(event.model)!;
          let cell = model.cells.find(event.groups);
          if (cell === undefined) {
            const values = model.cells.valuesOf(event.groups);
            if (!cellsBefore.has(model.cells)) cellsBefore.set(model.cells, model.cells.size);
            cell = model.cells.add(values);
            this.store.writeCell(event.model, cell, values);
          }
          const decision =
            event.prediction ?? (event.score! >= this.policy.thresholds.get(event.model)! ? 1 : 0);
          const stored: StoredPrediction = {
            id: event.id,
            model: event.model,
            version: event.version,
            ts: event.ts,
            cell,
            decision,
            score: event.score,
            body: canonicalBody(event),
            receivedAt: now,
          };
          const written = this.store.writePrediction(stored);
          if (written.kind === 'duplicate') {
            duplicates += 1;
          } else if (written.kind === 'conflict') {
            rejected.push({
              index,
              code: 'id_conflict',
              reason: `id ${event.id} is already used by a different prediction`,
            });
          } else {
            const version = event.version;
            const ts = event.ts;
            const joined = written.joined;
            if (latestTs === null || ts > latestTs) latestTs = ts;
            applied.push(() => {
              const statistics = model.version(version);
              statistics.recordPrediction(ts, stored.cell, decision, stored.score);
              if (joined !== null) {
                statistics.recordOutcome(
                  ts,
                  stored.cell,
                  decision,
                  stored.score,
                  joined.label,
                  joined.outcomeTs - ts,
                );
              }
            });
          }
        }
      });
    } catch (error) {
      for (const [cells, size] of cellsBefore) cells.truncate(size);
      throw error;
    }
    for (const apply of applied) apply();
    return this.finish('predictions', items.length, duplicates, 0, rejected, latestTs);
  }

  outcomes(items: readonly EventItem[], now: number): IngestResult {
    const rejected: Rejection[] = [];
    const applied: (() => void)[] = [];
    let duplicates = 0;
    let held = 0;
    this.store.atomically(() => {
      for (const { index, value } of validItems(items, validateOutcome, rejected)) {
        const { id, ts, label } = value;
        if (ts > now + this.policy.maxFutureSkewMs) {
          rejected.push({ index, code: 'future_timestamp', reason: 'ts is too far in the future' });
          continue;
        }
        const written = this.store.writeOutcome(id, ts, label, now);
        if (written.kind === 'duplicate') {
          duplicates += 1;
        } else if (written.kind === 'conflict') {
          rejected.push({
            index,
            code: 'label_conflict',
            reason: `prediction ${id} already has a different outcome`,
          });
        } else if (written.kind === 'held') {
          held += 1;
        } else {
          const p = written.prediction;
          applied.push(() => {
            this.statistics
              .model(p.model)
              ?.version(p.version)
              .recordOutcome(p.ts, p.cell, p.decision, p.score, label, ts - p.ts);
          });
        }
      }
    });
    for (const apply of applied) apply();
    return this.finish('outcomes', items.length, duplicates, held, rejected, null);
  }

  deployments(items: readonly EventItem[], now: number): IngestResult {
    const rejected: Rejection[] = [];
    let duplicates = 0;
    this.store.atomically(() => {
      for (const { index, value } of validItems(items, validateDeployment, rejected)) {
        const problem = this.modelProblem(value.model);
        if (problem !== null) {
          rejected.push({ index, ...problem });
          continue;
        }
        if (value.ts > now + this.policy.maxFutureSkewMs) {
          rejected.push({ index, code: 'future_timestamp', reason: 'ts is too far in the future' });
          continue;
        }
        if (this.store.writeDeployment(value, now) === 'duplicate') duplicates += 1;
      }
    });
    return this.finish('deployments', items.length, duplicates, 0, rejected, null);
  }

  private modelProblem(model: string): { code: RejectionCode; reason: string } | null {
    if (this.policy.thresholds.has(model)) return null;
    return { code: 'unknown_model', reason: `unknown model ${model}` };
  }

  private timeProblem(ts: number, now: number): { code: RejectionCode; reason: string } | null {
    if (ts > now + this.policy.maxFutureSkewMs) {
      return {
        code: 'future_timestamp',
        reason: `ts is more than ${String(this.policy.maxFutureSkewMs / 1000)} s in the future`,
      };
    }
    if (ts < now - this.policy.maxAgeMs) {
      return { code: 'too_old', reason: 'ts is older than the statistics are kept' };
    }
    return null;
  }

  private finish(
    kind: EventKind,
    total: number,
    duplicates: number,
    held: number,
    rejected: Rejection[],
    latestTs: number | null,
  ): IngestResult {
    rejected.sort((a, b) => a.index - b.index);
    for (const rejection of rejected) this.counters.rejected(kind, rejection.code);
    const accepted = total - rejected.length;
    this.counters.accepted(kind, accepted - duplicates);
    if (duplicates > 0) this.counters.duplicates(kind, duplicates);
    if (held > 0) this.counters.held(held);
    return { accepted, duplicates, held, rejected, latestTs };
  }
}

/**
 * The items that parse and pass `validate`, with their positions; the others are added to
 * `rejected` with their reason.
 */
function validItems<T>(
  items: readonly EventItem[],
  validate: (raw: unknown) => Checked<T>,
  rejected: Rejection[],
): { index: number; value: T }[] {
  const valid: { index: number; value: T }[] = [];
  items.forEach((item, index) => {
    if ('malformed' in item) {
      rejected.push({ index, code: 'malformed_json', reason: item.malformed });
      return;
    }
    const checked = validate(item.value);
    if (checked.ok) valid.push({ index, value: checked.value });
    else rejected.push({ index, code: 'invalid', reason: checked.reason });
  });
  return valid;
}

/** The event as stored, with keys in a fixed order so an identical retry compares equal. */
function canonicalBody(event: PredictionEvent): string {
  const groups = Object.keys(event.groups)
    .sort()
    .map((name) => [name, event.groups[name] ?? null]);
  return JSON.stringify([
    event.model,
    event.version,
    event.ts,
    event.score,
    event.prediction,
    groups,
    event.features,
    event.traffic,
  ]);
}
