import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { isRecord } from '../isRecord.js';
import { IncidentLog } from './incidentLog.js';
import { MIGRATIONS } from './migrations.js';
import { RetainedEvents } from './retainedEvents.js';
import { storeFailure } from './storeFailure.js';

/** A prediction ready to be written: validated, its cell and decision resolved. */
export interface StoredPrediction {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly cell: number;
  readonly decision: 0 | 1;
  readonly score: number | null;
  /** Canonical JSON of the event, compared when the same id comes again. */
  readonly body: string;
  readonly receivedAt: number;
}

export type PredictionWrite =
  | { readonly kind: 'inserted'; readonly joined: { label: 0 | 1; outcomeTs: number } | null }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict' };

/** The stored prediction an outcome was joined to. */
export interface JoinedPrediction {
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly cell: number;
  readonly decision: 0 | 1;
  readonly score: number | null;
}

export type OutcomeWrite =
  | { readonly kind: 'joined'; readonly prediction: JoinedPrediction }
  | { readonly kind: 'held' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict' };

export interface StoredBucket {
  readonly model: string;
  readonly version: string;
  readonly tier: string;
  readonly start: number;
  /** The cells' counts, encoded as the statistics' bucket layout says (windows/bucketLayout.ts). */
  readonly data: Uint8Array;
  /** The cells' score statistics, encoded alike; null when no score landed in the bucket. */
  readonly scores: Uint8Array | null;
}

/** A change to replay on top of the last checkpoint. */
export interface ReplayedPrediction extends JoinedPrediction {
  readonly seq: number;
  readonly label: 0 | 1 | null;
  readonly outcomeTs: number | null;
  readonly labelSeq: number | null;
}

export interface StoredDeployment {
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly kind: string;
}

/**
 * The embedded store: SQLite in WAL mode. Every write method runs inside `atomically`, and a
 * request is acknowledged only after its transaction commits, so an acknowledged event
 * survives the process being killed (synchronous=NORMAL in WAL mode loses nothing on a crash
 * of the process; only a power loss could lose the last commits).
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private seq: number;
  /** Held outcomes, counted at startup and kept in step, so most predictions skip the lookup. */
  private heldCount: number;
  private readonly statements;
  /** Reads of retained raw predictions for the dashboards. */
  readonly retained: RetainedEvents;
  /** The alert episodes' history. */
  readonly incidents: IncidentLog;

  constructor(path: string) {
    try {
      this.db = new Database(path);
    } catch (error) {
      throw new StoreError(`cannot open the store ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A 64 MiB page cache (the default is 2 MiB): with the raw-event indexes the dashboards
    // read, ingest into a table of 1M predictions ran at half speed on the default cache,
    // re-reading index pages (scripts/bench/service/dashboardReads.mjs).
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    const db = this.db;
    this.statements = {
      insertPrediction: db.prepare(
        `INSERT INTO predictions (seq, id, model, version, ts, cell, decision, score, body, received_at, label, outcome_ts, label_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      predictionBody: db.prepare('SELECT body FROM predictions WHERE id = ?').pluck(),
      predictionById: db.prepare(
        'SELECT seq, model, version, ts, cell, decision, score, label FROM predictions WHERE id = ?',
      ),
      setLabel: db.prepare(
        'UPDATE predictions SET label = ?, outcome_ts = ?, label_seq = ? WHERE seq = ?',
      ),
      heldById: db.prepare('SELECT ts, label FROM held_outcomes WHERE id = ?'),
      deleteHeld: db.prepare('DELETE FROM held_outcomes WHERE id = ?'),
      insertHeld: db.prepare(
        'INSERT INTO held_outcomes (id, ts, label, received_at) VALUES (?, ?, ?, ?)',
      ),
      countHeld: db.prepare('SELECT count(*) FROM held_outcomes').pluck(),
      expireHeld: db.prepare('DELETE FROM held_outcomes WHERE received_at < ?'),
      insertDeployment: db.prepare(
        'INSERT INTO deployments (model, version, ts, kind, received_at) VALUES (?, ?, ?, ?, ?)',
      ),
      deploymentExists: db
        .prepare(
          'SELECT 1 FROM deployments WHERE model = ? AND ts = ? AND version = ? AND kind = ? LIMIT 1',
        )
        .pluck(),
      deploymentsBetween: db.prepare(
        'SELECT model, version, ts, kind FROM deployments WHERE model = ? AND ts >= ? AND ts < ? ORDER BY ts',
      ),
      insertCell: db.prepare('INSERT INTO cells (model, cell, vals) VALUES (?, ?, ?)'),
      allCells: db.prepare('SELECT model, cell, vals FROM cells ORDER BY model, cell'),
      upsertBucket: db.prepare(
        `INSERT INTO buckets (model, version, tier, start, data, scores) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (model, version, tier, start) DO UPDATE SET data = excluded.data, scores = excluded.scores`,
      ),
      deleteBucketsBefore: db.prepare('DELETE FROM buckets WHERE tier = ? AND start < ?'),
      allBuckets: db.prepare('SELECT model, version, tier, start, data, scores FROM buckets'),
      bucketKeys: db.prepare('SELECT model, version, tier, start FROM buckets'),
      oneBucket: db.prepare(
        'SELECT model, version, tier, start, data, scores FROM buckets WHERE model = ? AND version = ? AND tier = ? AND start = ?',
      ),
      deleteAllBuckets: db.prepare('DELETE FROM buckets'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      changedSince: db.prepare(
        `SELECT seq, model, version, ts, cell, decision, score, label, outcome_ts, label_seq FROM predictions
         WHERE seq > ? UNION ALL
         SELECT seq, model, version, ts, cell, decision, score, label, outcome_ts, label_seq FROM predictions
         WHERE label_seq > ? AND seq <= ? ORDER BY seq`,
      ),
      maxSeq: db
        .prepare(
          'SELECT max(coalesce((SELECT max(seq) FROM predictions), 0), coalesce((SELECT max(label_seq) FROM predictions), 0))',
        )
        .pluck(),
      firstKeptSeq: db
        .prepare('SELECT seq FROM predictions WHERE received_at >= ? ORDER BY seq LIMIT 1')
        .pluck(),
      purgeBefore: db.prepare(
        'DELETE FROM predictions WHERE seq < ? AND seq <= ? AND coalesce(label_seq, 0) <= ?',
      ),
      countPredictions: db.prepare('SELECT count(*) FROM predictions').pluck(),
      countPredictionsThrough: db
        .prepare('SELECT count(*) FROM predictions WHERE seq <= ?')
        .pluck(),
      upsertState: db.prepare(
        'INSERT INTO evaluation_state (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body',
      ),
      allStates: db.prepare('SELECT key, body FROM evaluation_state'),
      upsertSilence: db.prepare(
        'INSERT INTO silences (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
      ),
      deleteSilence: db.prepare('DELETE FROM silences WHERE id = ?'),
      allSilences: db.prepare('SELECT body FROM silences').pluck(),
      insertDelivery: db.prepare('INSERT INTO deliveries (ts, receiver, body) VALUES (?, ?, ?)'),
      recentDeliveries: db.prepare('SELECT body FROM deliveries ORDER BY seq DESC LIMIT ?').pluck(),
    };
    // Raw events purged after a checkpoint take their change numbers with them; numbering
    // must still go on after the checkpoint's, or new changes would not be replayed.
    this.seq = Math.max(Number(this.statements.maxSeq.get() ?? 0), this.appliedSeq());
    this.heldCount = Number(this.statements.countHeld.get());
    this.retained = new RetainedEvents(db);
    this.incidents = new IncidentLog(db);
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  atomically<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // The held outcomes a rolled-back batch joined are back in the table.
      if (!this.db.inTransaction) this.heldCount = Number(this.statements.countHeld.get());
      throw storeFailure(error);
    }
  }

  /** The highest change number written so far (predictions and label joins share one count). */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Writes a prediction unless its id exists. An identical retry is a duplicate; a different
   * event under the same id is a conflict. A held outcome for the id is joined at once.
   */
  writePrediction(prediction: StoredPrediction): PredictionWrite {
    const s = this.statements;
    const seq = this.seq + 1;
    const held =
      this.heldCount > 0 ? (s.heldById.get(prediction.id) as HeldRow | undefined) : undefined;
    const label = held === undefined ? null : held.label;
    const outcomeTs = held === undefined ? null : held.ts;
    const info = s.insertPrediction.run(
      seq,
      prediction.id,
      prediction.model,
      prediction.version,
      prediction.ts,
      prediction.cell,
      prediction.decision,
      prediction.score,
      prediction.body,
      prediction.receivedAt,
      label,
      outcomeTs,
      held === undefined ? null : seq,
    );
    if (info.changes === 0) {
      const existing = s.predictionBody.get(prediction.id);
      return existing === prediction.body ? { kind: 'duplicate' } : { kind: 'conflict' };
    }
    this.seq = seq;
    if (held === undefined) return { kind: 'inserted', joined: null };
    s.deleteHeld.run(prediction.id);
    this.heldCount -= 1;
    return { kind: 'inserted', joined: { label: binaryOf(held.label), outcomeTs: held.ts } };
  }

  /**
   * Joins an outcome to its prediction, or holds it when the prediction has not arrived. The
   * same label again is a duplicate; a different label for a labelled prediction a conflict.
   */
  writeOutcome(id: string, ts: number, label: 0 | 1, receivedAt: number): OutcomeWrite {
    const s = this.statements;
    const row = s.predictionById.get(id) as PredictionRow | undefined;
    if (row === undefined) {
      const held = this.heldCount > 0 ? (s.heldById.get(id) as HeldRow | undefined) : undefined;
      // As for a joined outcome, the label decides: the same label again is a duplicate.
      if (held !== undefined)
        return held.label === label ? { kind: 'duplicate' } : { kind: 'conflict' };
      s.insertHeld.run(id, ts, label, receivedAt);
      this.heldCount += 1;
      return { kind: 'held' };
    }
    if (row.label !== null)
      return row.label === label ? { kind: 'duplicate' } : { kind: 'conflict' };
    this.seq += 1;
    s.setLabel.run(label, ts, this.seq, row.seq);
    return {
      kind: 'joined',
      prediction: {
        model: row.model,
        version: row.version,
        ts: row.ts,
        cell: row.cell,
        decision: binaryOf(row.decision),
        score: row.score,
      },
    };
  }

  /**
   * Writes a deployment unless the same (model, version, ts, kind) is stored: a retried
   * request is a duplicate, not a second marker.
   */
  writeDeployment(deployment: StoredDeployment, receivedAt: number): 'inserted' | 'duplicate' {
    const s = this.statements;
    const d = deployment;
    if (s.deploymentExists.get(d.model, d.ts, d.version, d.kind) !== undefined) return 'duplicate';
    s.insertDeployment.run(
      deployment.model,
      deployment.version,
      deployment.ts,
      deployment.kind,
      receivedAt,
    );
    return 'inserted';
  }

  deploymentsBetween(model: string, from: number, to: number): StoredDeployment[] {
    return (this.statements.deploymentsBetween.all(model, from, to) as StoredDeployment[]).map(
      (row) => ({
        model: row.model,
        version: row.version,
        ts: row.ts,
        kind: row.kind,
      }),
    );
  }

  writeCell(model: string, cell: number, values: readonly (string | null)[]): void {
    this.statements.insertCell.run(model, cell, JSON.stringify(values));
  }

  cells(): { model: string; cell: number; values: (string | null)[] }[] {
    return (this.statements.allCells.all() as { model: string; cell: number; vals: string }[]).map(
      (row) => ({
        model: row.model,
        cell: row.cell,
        values: parseCellValues(row.vals),
      }),
    );
  }

  /** Saves changed buckets and the change number they include, in one transaction. */
  checkpoint(buckets: readonly StoredBucket[], appliedSeq: number): void {
    this.atomically(() => {
      for (const bucket of buckets) this.saveBucket(bucket);
      this.statements.setMeta.run('applied_seq', String(appliedSeq));
    });
  }

  /** Writes one bucket over the saved one (a layout upgrade); call inside `atomically`. */
  saveBucket(bucket: StoredBucket): void {
    this.statements.upsertBucket.run(
      bucket.model,
      bucket.version,
      bucket.tier,
      bucket.start,
      bytesOf(bucket.data),
      bucket.scores === null ? null : bytesOf(bucket.scores),
    );
  }

  deleteBucketsBefore(tier: string, cutoff: number): void {
    this.statements.deleteBucketsBefore.run(tier, cutoff);
  }

  /** Every saved bucket, one at a time (a week of minute buckets need not be in memory twice). */
  *buckets(): Generator<StoredBucket> {
    for (const row of this.statements.allBuckets.iterate()) yield storedBucket(row);
  }

  /**
   * Every saved bucket read by key, so that the caller may write between reads (`buckets`
   * holds the database busy until it ends).
   */
  *bucketsByKey(): Generator<StoredBucket> {
    const keys = this.statements.bucketKeys.all() as BucketKey[];
    for (const key of keys) {
      const row: unknown = this.statements.oneBucket.get(
        key.model,
        key.version,
        key.tier,
        key.start,
      );
      if (row !== undefined) yield storedBucket(row);
    }
  }

  /**
   * Forgets every saved bucket and the change number they include, so that the next start
   * rebuilds the statistics from the raw events (a store whose buckets have an older layout).
   */
  discardBuckets(): void {
    this.atomically(() => {
      this.statements.deleteAllBuckets.run();
      this.statements.setMeta.run('applied_seq', '0');
    });
  }

  /** A value the statistics keep beside their buckets, saved with the next checkpoint. */
  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  meta(key: string): string | undefined {
    const value = this.statements.getMeta.get(key);
    return typeof value === 'string' ? value : undefined;
  }

  /** The change number the saved buckets include (0 before the first checkpoint). */
  appliedSeq(): number {
    const value = this.statements.getMeta.get('applied_seq');
    return typeof value === 'string' ? Number(value) : 0;
  }

  /** Predictions written or labelled after change number `after`, in change order. */
  *changesSince(after: number): Generator<ReplayedPrediction> {
    for (const row of this.statements.changedSince.iterate(
      after,
      after,
      after,
    ) as Iterable<ChangeRow>) {
      yield {
        seq: row.seq,
        model: row.model,
        version: row.version,
        ts: row.ts,
        cell: row.cell,
        decision: binaryOf(row.decision),
        score: row.score,
        label: row.label === null ? null : binaryOf(row.label),
        outcomeTs: row.outcome_ts,
        labelSeq: row.label_seq,
      };
    }
  }

  /**
   * Deletes raw predictions received before `cutoff` whose every change is already in a
   * checkpoint (`appliedSeq`). Returns how many were deleted.
   */
  purgeRawEvents(cutoff: number, appliedSeq: number): number {
    const firstKept = this.statements.firstKeptSeq.get(cutoff);
    const bound = typeof firstKept === 'number' ? firstKept : this.seq + 1;
    return this.statements.purgeBefore.run(bound, appliedSeq, appliedSeq).changes;
  }

  /** Drops outcomes that waited longer than the hold for their prediction. */
  expireHeldOutcomes(cutoff: number): number {
    const removed = this.statements.expireHeld.run(cutoff).changes;
    this.heldCount -= removed;
    return removed;
  }

  get heldOutcomes(): number {
    return this.heldCount;
  }

  storedPredictions(): number {
    return Number(this.statements.countPredictions.get());
  }

  /** Raw predictions still stored whose change number is at most `seq`. */
  storedPredictionsThrough(seq: number): number {
    return Number(this.statements.countPredictionsThrough.get(seq));
  }

  /** The database's size in bytes (pages in use times the page size; the WAL not included). */
  sizeBytes(): number {
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const pageSize = Number(this.db.pragma('page_size', { simple: true }));
    return pages * pageSize;
  }

  saveEvaluationState(key: string, body: string): void {
    this.statements.upsertState.run(key, body);
  }

  evaluationStates(): { key: string; body: string }[] {
    return this.statements.allStates.all() as { key: string; body: string }[];
  }

  saveSilence(id: string, body: string): void {
    this.statements.upsertSilence.run(id, body);
  }

  deleteSilence(id: string): boolean {
    return this.statements.deleteSilence.run(id).changes > 0;
  }

  silences(): string[] {
    return this.statements.allSilences.all() as string[];
  }

  recordDelivery(ts: number, receiver: string, body: string): void {
    this.statements.insertDelivery.run(ts, receiver, body);
  }

  recentDeliveries(limit: number): string[] {
    return this.statements.recentDeliveries.all(limit) as string[];
  }

  close(): void {
    this.db.close();
  }
}

interface HeldRow {
  ts: number;
  label: number;
}

interface PredictionRow {
  seq: number;
  model: string;
  version: string;
  ts: number;
  cell: number;
  decision: number;
  score: number | null;
  label: number | null;
}

interface ChangeRow extends PredictionRow {
  outcome_ts: number | null;
  label_seq: number | null;
}

interface BucketKey {
  model: string;
  version: string;
  tier: string;
  start: number;
}

function storedBucket(row: unknown): StoredBucket {
  if (
    !isRecord(row) ||
    typeof row.model !== 'string' ||
    typeof row.version !== 'string' ||
    typeof row.tier !== 'string' ||
    typeof row.start !== 'number' ||
    !(row.data instanceof Uint8Array) ||
    (row.scores !== null && !(row.scores instanceof Uint8Array))
  ) {
    throw new StoreError('a saved statistics bucket is not a row of the buckets table');
  }
  return {
    model: row.model,
    version: row.version,
    tier: row.tier,
    start: row.start,
    data: row.data,
    scores: row.scores,
  };
}

function bytesOf(array: Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function binaryOf(value: number): 0 | 1 {
  return value === 0 ? 0 : 1;
}

function parseCellValues(text: string): (string | null)[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`stored cell values are not a list: ${text}`);
  return parsed.map((value: unknown) => (typeof value === 'string' ? value : null));
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Map(
    (
      db.prepare('SELECT name, sha256 FROM migrations').all() as { name: string; sha256: string }[]
    ).map((row) => [row.name, row.sha256]),
  );
  for (const migration of MIGRATIONS) {
    const hash = createHash('sha256').update(migration.sql).digest('hex');
    const recorded = applied.get(migration.name);
    if (recorded !== undefined) {
      if (recorded !== hash) {
        throw new StoreError(
          `the store's migration ${migration.name} differs from this version's: it was made by another fairwatch`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO migrations (name, sha256, applied_at) VALUES (?, ?, ?)').run(
        migration.name,
        hash,
        Date.now(),
      );
    })();
  }
}
