import type { Alert, DeploymentRecord, ServiceConfig } from '@fairwatch/contracts';
import { DEPLOYMENT_KINDS } from '@fairwatch/contracts';
import { alertLabels, alertView } from '../alerting/alertView.js';
import {
  acknowledgedEntry,
  episodeOf,
  firedEntry,
  resolvedEntry,
  silencedEntry,
} from '../alerting/incidentHistory.js';
import { Notifier } from '../alerting/notifier.js';
import { parseSilence, silenceBody, silenceMatches, type Silence } from '../alerting/silences.js';
import { Evaluator, type Transition } from '../evaluation/evaluator.js';
import { parseEvaluatorSnapshot } from '../evaluation/evaluatorSnapshot.js';
import type { EventItem } from '../ingest/eventItems.js';
import { Ingestor } from '../ingest/ingestor.js';
import type { EventKind, IngestResult } from '../ingest/ingestResult.js';
import { createDispatcher, type Dispatcher } from '../receivers/dispatcher.js';
import type { DeliveryAttempt } from '../receivers/deliveryLog.js';
import { SqliteStore } from '../store/sqliteStore.js';
import { MonitorStatistics } from '../windows/monitorStatistics.js';
import type { TierSpec } from '../windows/versionStatistics.js';
import { ServiceClock, type ClockMode } from './serviceClock.js';
import { ServiceMetrics } from './serviceMetrics.js';
import { registerStateGauges } from './stateGauges.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CHECKPOINT_INTERVAL_MS = 5_000;
const MAINTENANCE_INTERVAL_MS = 60_000;
const EVALUATION_STATE_KEY = 'evaluator';

export interface MonitorServiceOptions {
  readonly clock?: ClockMode;
  /** The wall clock; tests pass their own. */
  readonly wall?: () => number;
  /** Start the evaluation, checkpoint and retention timers (off in tests that drive time). */
  readonly timers?: boolean;
  /** Called after every evaluation with the alert transitions it made. */
  readonly onEvaluated?: (now: number, transitions: readonly Transition[]) => void;
}

/**
 * The monitoring service without its HTTP front: store, statistics, ingest, evaluation,
 * alerting and delivery, with one lifecycle (`start`, `flush`, `close`).
 */
export class MonitorService {
  readonly config: ServiceConfig;
  readonly store: SqliteStore;
  readonly statistics: MonitorStatistics;
  readonly evaluator: Evaluator;
  readonly metrics = new ServiceMetrics();
  readonly clock: ServiceClock;
  private readonly ingestor: Ingestor;
  private readonly notifier: Notifier;
  private readonly dispatcher: Dispatcher;
  private readonly silenceList = new Map<string, Silence>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly useTimers: boolean;
  private readonly onEvaluated: MonitorServiceOptions['onEvaluated'];
  private nextEvaluationAt: number | null = null;
  private replayed = 0;
  private closed = false;
  ready = false;
  /** How long the latest evaluation of every SLO took. */
  lastEvaluationMs = 0;

  constructor(config: ServiceConfig, options: MonitorServiceOptions = {}) {
    this.config = config;
    this.clock = new ServiceClock(options.clock ?? 'wall', options.wall);
    this.useTimers = options.timers ?? true;
    this.onEvaluated = options.onEvaluated;
    this.store = new SqliteStore(config.server.store);
    const tiers: TierSpec[] = [
      { name: 'minute', widthMs: config.server.bucketMs, keepMs: config.retention.minuteBucketsMs },
      { name: 'hour', widthMs: HOUR_MS, keepMs: config.retention.hourBucketsMs },
      { name: 'day', widthMs: DAY_MS, keepMs: config.retention.dayBucketsMs },
    ];
    this.statistics = new MonitorStatistics(config.models, tiers);
    this.ingestor = new Ingestor(
      this.store,
      this.statistics,
      {
        thresholds: new Map(config.models.map((model) => [model.name, model.threshold])),
        maxFutureSkewMs: config.server.maxFutureSkewMs,
        maxAgeMs: config.retention.dayBucketsMs,
      },
      this.metrics,
    );
    this.evaluator = new Evaluator(config, this.statistics);
    this.notifier = new Notifier(config);
    this.dispatcher = createDispatcher({
      receivers: config.receivers,
      log: {
        record: (attempt: DeliveryAttempt) => {
          this.store.recordDelivery(attempt.ts, attempt.receiver, JSON.stringify(attempt));
        },
      },
      evaluationIntervalMs: config.server.evaluationIntervalMs,
    });
    registerStateGauges(this);
  }

  /** Rebuilds state from the store and starts the timers. */
  start(): void {
    this.replayed = this.statistics.restore(this.store);
    for (const { key, body } of this.store.evaluationStates()) {
      if (key !== EVALUATION_STATE_KEY) continue;
      const snapshot = parseEvaluatorSnapshot(body);
      // Alert state that cannot be trusted is dropped: SLI histories and alerts start afresh
      // (an alert still in breach fires again) rather than the service refusing to start.
      if (typeof snapshot === 'string')
        console.error(`the saved alert state is unreadable (${snapshot}); starting afresh`);
      else this.evaluator.restore(snapshot);
    }
    for (const body of this.store.silences()) {
      const raw = JSON.parse(body) as unknown;
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '';
      const silence = parseSilence(raw, id, this.clock.now());
      if (typeof silence !== 'string') this.silenceList.set(silence.id, silence);
    }
    for (const model of this.statistics.models.values()) {
      for (const version of model.versions.values()) {
        if (Number.isFinite(version.lastSeen)) this.clock.observe(version.lastSeen);
      }
    }
    // Restored alerts and SLO statuses take shape at an evaluation: one now, so a restart
    // does not hide a firing alert until the next one (in event time, the next event).
    if (this.clock.mode === 'wall' || this.clock.started) this.evaluate(this.clock.now());
    if (this.useTimers) {
      if (this.clock.mode === 'wall') {
        this.every(this.config.server.evaluationIntervalMs, () => {
          this.evaluate(this.clock.now());
        });
      }
      this.every(CHECKPOINT_INTERVAL_MS, () => {
        this.checkpoint();
      });
      this.every(MAINTENANCE_INTERVAL_MS, () => {
        this.maintain();
      });
    }
    this.ready = true;
  }

  /** Changes replayed from raw events at the last start. */
  get replayedChanges(): number {
    return this.replayed;
  }

  ingest(kind: EventKind, items: readonly EventItem[]): IngestResult {
    const wall = this.clock.wallNow();
    const result =
      kind === 'predictions'
        ? this.ingestor.predictions(items, wall)
        : kind === 'outcomes'
          ? this.ingestor.outcomes(items, wall)
          : this.ingestor.deployments(items, wall);
    if (result.latestTs !== null) this.clock.observe(result.latestTs);
    if (this.clock.mode === 'event') this.catchUpEvaluations();
    return result;
  }

  /** In event time, evaluates at every interval boundary the watermark has passed. */
  private catchUpEvaluations(): void {
    if (!this.clock.started) return;
    const interval = this.config.server.evaluationIntervalMs;
    const now = this.clock.now();
    this.nextEvaluationAt ??= Math.floor(now / interval) * interval + interval;
    while (this.nextEvaluationAt <= now) {
      this.evaluate(this.nextEvaluationAt);
      this.nextEvaluationAt += interval;
    }
  }

  /** One evaluation of every SLO at `now`, then notifications. */
  evaluate(now: number): void {
    const began = performance.now();
    const transitions = this.evaluator.evaluate(now);
    this.lastEvaluationMs = performance.now() - began;
    this.recordIncidents(transitions, now);
    this.onEvaluated?.(now, transitions);
    this.metrics.evaluationSeconds.observe({}, this.lastEvaluationMs / 1000);
    if (this.config.receivers.length === 0) return;
    for (const notification of this.notifier.notifications(this.alerts(now), now)) {
      this.metrics.notifications.inc({
        receiver: notification.receiver,
        status: notification.status,
      });
      void this.dispatcher.deliver(notification);
    }
  }

  /**
   * Appends each alert episode's start and end to the incident log. A restart from a
   * checkpoint older than a transition repeats it; a line the episode already has is skipped.
   */
  private recordIncidents(transitions: readonly Transition[], now: number): void {
    const changed = transitions.filter(
      (t) => t.to === 'firing' || (t.from === 'firing' && t.to === 'resolved'),
    );
    if (changed.length === 0) return;
    const views = new Map(this.alerts(now).map((alert) => [alert.fingerprint, alert]));
    try {
      this.store.atomically(() => {
        this.appendTransitions(changed, views, now);
      });
    } catch (error) {
      // Evaluation runs on a timer and must go on; the history misses these lines.
      console.error(`incident log not written at ${new Date(now).toISOString()}: ${String(error)}`);
    }
  }

  private appendTransitions(
    changed: readonly Transition[],
    views: ReadonlyMap<string, Alert>,
    now: number,
  ): void {
    const log = this.store.incidents;
    for (const transition of changed) {
      const record = this.evaluator.record(transition.fingerprint);
      const view = views.get(transition.fingerprint);
      if (record === undefined || view === undefined) continue;
      const episode = record.lifecycle.episodes;
      const kind = transition.to === 'firing' ? 'fired' : 'resolved';
      if (log.episode(transition.fingerprint, episode).some((line) => line.kind === kind)) continue;
      log.append(
        kind === 'fired'
          ? firedEntry(view, episode, now)
          : resolvedEntry(transition.fingerprint, episode, now),
      );
    }
  }

  /** Acknowledges an active alert and logs who did; false when there is no such alert. */
  acknowledge(fingerprint: string, by: string): boolean {
    if (!this.evaluator.acknowledge(fingerprint, by)) return false;
    const now = this.clock.now();
    const record = this.evaluator.record(fingerprint);
    const view = this.alerts(now).find((alert) => alert.fingerprint === fingerprint);
    if (record !== undefined && view !== undefined) {
      const episode = episodeOf(view, record.lifecycle.episodes);
      this.store.incidents.append(acknowledgedEntry(view, episode, by, now));
    }
    return true;
  }

  /** Current alerts as the API shows them. */
  alerts(now = this.clock.now()): ReturnType<typeof alertView>[] {
    // One store query per model, not per alert: alerts of one model share its deployments.
    const deployments = new Map<string, DeploymentRecord[]>();
    return this.evaluator.alertRecords().map((record) => {
      const labels = alertLabels(record);
      const silence = [...this.silenceList.values()].find((candidate) =>
        silenceMatches(candidate, labels, now),
      );
      const model = record.evidence.comparison.slo.model;
      let recent = deployments.get(model);
      if (recent === undefined) {
        recent = this.recentDeployments(model, now);
        deployments.set(model, recent);
      }
      return alertView(record, this.config, recent, silence?.createdBy ?? null);
    });
  }

  recentDeployments(model: string, now: number): DeploymentRecord[] {
    return this.store
      .deploymentsBetween(model, now - DAY_MS, now + this.config.server.maxFutureSkewMs)
      .slice(-5)
      .map((row) => ({
        model: row.model,
        version: row.version,
        ts: new Date(row.ts).toISOString(),
        kind: DEPLOYMENT_KINDS.find((kind) => kind === row.kind) ?? 'deploy',
      }));
  }

  silences(): Silence[] {
    return [...this.silenceList.values()];
  }

  /** Adds a silence and logs it on the incidents of the active alerts it matches. */
  addSilence(silence: Silence): void {
    const now = this.clock.now();
    const views = this.alerts(now);
    this.store.atomically(() => {
      this.store.saveSilence(silence.id, JSON.stringify(silenceBody(silence)));
      for (const record of this.evaluator.alertRecords()) {
        const state = record.lifecycle.state;
        if (state !== 'firing' && state !== 'pending') continue;
        if (!silenceMatches(silence, alertLabels(record), now)) continue;
        const view = views.find((alert) => alert.fingerprint === record.fingerprint);
        if (view === undefined) continue;
        const episode = episodeOf(view, record.lifecycle.episodes);
        this.store.incidents.append(
          silencedEntry(view, episode, silence.createdBy, silence.id, now),
        );
      }
    });
    // Only once stored: a silence the store refused is not applied either.
    this.silenceList.set(silence.id, silence);
  }

  removeSilence(id: string): boolean {
    this.silenceList.delete(id);
    return this.store.deleteSilence(id);
  }

  /** Saves changed statistics and the evaluator's state. */
  checkpoint(): void {
    this.statistics.checkpoint(this.store, this.store.lastSeq);
    this.store.saveEvaluationState(EVALUATION_STATE_KEY, JSON.stringify(this.evaluator.snapshot()));
  }

  /** Retention: old buckets, raw events and held outcomes. */
  maintain(): void {
    const now = this.clock.now();
    const wall = this.clock.wallNow();
    this.checkpoint();
    this.statistics.prune(this.store, now);
    this.store.purgeRawEvents(wall - this.config.retention.rawEventsMs, this.store.appliedSeq());
    this.store.expireHeldOutcomes(wall - this.config.server.outcomeHoldMs);
    for (const [id, silence] of this.silenceList) {
      if (silence.endsAt < now) this.removeSilence(id);
    }
  }

  /** Commits everything in memory to the store. */
  flush(): void {
    this.checkpoint();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ready = false;
    for (const timer of this.timers) clearInterval(timer);
    this.flush();
    await this.dispatcher.close();
    this.store.close();
  }

  private every(ms: number, work: () => void): void {
    const timer = setInterval(work, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
