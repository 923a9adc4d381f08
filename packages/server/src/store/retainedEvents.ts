import type Database from 'better-sqlite3';
import { isRecord } from '../isRecord.js';

/** One retained raw prediction with its outcome, as the store holds it. */
export interface RetainedPrediction {
  readonly seq: number;
  readonly id: string;
  readonly version: string;
  readonly ts: number;
  readonly cell: number;
  readonly decision: 0 | 1;
  readonly score: number | null;
  /** The canonical event JSON the ingestor wrote; read it with `parseStoredBody`. */
  readonly body: string;
  readonly label: 0 | 1 | null;
  readonly outcomeTs: number | null;
}

/** The cell and the features of a prediction (null when it sent none). */
export interface RetainedFeatures {
  readonly cell: number;
  readonly features: Readonly<Record<string, unknown>> | null;
}

const COLUMNS = 'seq, id, version, ts, cell, decision, score, body, label, outcome_ts';

/**
 * Reads of the retained raw predictions for the dashboards. A cohort is a set of cells; each
 * cell and version is read through the (model, cell, version, ts) index newest first and the
 * runs are merged, so the cost follows the rows returned (times the cohort's cells and
 * versions), not the table's size or the cohort's share of it.
 */
export class RetainedEvents {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      newestKeys: db.prepare(
        `SELECT seq, ts FROM predictions WHERE model = ? AND cell = ? AND version = ? AND ts < ?
         ORDER BY ts DESC, seq DESC LIMIT ?`,
      ),
      bySeq: db.prepare(`SELECT ${COLUMNS} FROM predictions WHERE seq = ?`),
      modelNewest: db.prepare(
        `SELECT ${COLUMNS} FROM predictions WHERE model = ? AND ts < ?
         ORDER BY ts DESC, seq DESC LIMIT ?`,
      ),
      countUpTo: db
        .prepare(
          'SELECT count(*) FROM (SELECT 1 FROM predictions WHERE model = ? AND cell = ? AND version = ? LIMIT ?)',
        )
        .pluck(),
      // SQLite takes each body's features (element 6 of the canonical body, storedBody.ts) and
      // joins them with their cells into one JSON array: [cell, features, cell, features, ...].
      // JSON.parse reads that once, where reading whole bodies made a string of each and parsed
      // each on its own (several times slower for the 50,000 rows a feature view reads).
      windowFeatures: db
        .prepare(
          `SELECT '[' || coalesce(group_concat(cell || ',' || coalesce(body -> '$[6]', 'null'), ','), '') || ']'
           FROM (SELECT cell, body FROM predictions WHERE model = ? AND ts >= ? AND ts < ?
                 ORDER BY ts DESC, seq DESC LIMIT ?)`,
        )
        .pluck(),
      windowHasMore: db
        .prepare(
          `SELECT 1 FROM predictions WHERE model = ? AND ts >= ? AND ts < ?
           ORDER BY ts DESC, seq DESC LIMIT 1 OFFSET ?`,
        )
        .pluck(),
    };
  }

  /**
   * The `limit` newest predictions of `cells` and `versions` before `before` (newest first,
   * ties by arrival).
   */
  newest(
    model: string,
    cells: readonly number[],
    versions: readonly string[],
    before: number,
    limit: number,
  ): RetainedPrediction[] {
    const s = this.statements;
    // Keys first, from the index alone (a few times cheaper per row than whole rows), then
    // whole rows for the `limit` newest keys only.
    const keys: { seq: number; ts: number }[] = [];
    for (const [cell, version] of pairs(cells, versions)) {
      for (const row of s.newestKeys.all(model, cell, version, before, limit)) {
        if (!isRecord(row) || typeof row.seq !== 'number' || typeof row.ts !== 'number') {
          throw new Error('the predictions index returned a row without seq and ts');
        }
        keys.push({ seq: row.seq, ts: row.ts });
      }
    }
    keys.sort((a, b) => b.ts - a.ts || b.seq - a.seq);
    return keys.slice(0, limit).map((key) => retainedPrediction(s.bySeq.get(key.seq)));
  }

  /** The `limit` newest predictions of the whole model before `before`, newest first. */
  newestOfModel(model: string, before: number, limit: number): RetainedPrediction[] {
    return this.statements.modelNewest.all(model, before, limit).map(retainedPrediction);
  }

  /**
   * How many predictions `cells` and `versions` hold, counting no further than
   * `atMost`: enough to decide a privacy minimum without counting a large cohort.
   */
  countUpTo(
    model: string,
    cells: readonly number[],
    versions: readonly string[],
    atMost: number,
  ): number {
    let count = 0;
    for (const [cell, version] of pairs(cells, versions)) {
      if (count >= atMost) break;
      count += Number(this.statements.countUpTo.get(model, cell, version, atMost - count));
    }
    return count;
  }

  /**
   * The cells and features of the `limit` newest predictions of a model with
   * `from <= ts < to`, and whether the window holds more than `limit`.
   */
  windowFeatures(
    model: string,
    from: number,
    to: number,
    limit: number,
  ): { rows: RetainedFeatures[]; more: boolean } {
    const text: unknown = this.statements.windowFeatures.get(model, from, to, limit);
    const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : null;
    if (!Array.isArray(parsed) || parsed.length % 2 !== 0) {
      throw new Error('the predictions table returned features that are not cell, features pairs');
    }
    const flat: readonly unknown[] = parsed;
    const rows: RetainedFeatures[] = [];
    for (let at = 0; at < flat.length; at += 2) {
      const cell = flat[at];
      const features = flat[at + 1];
      if (typeof cell !== 'number' || (features !== null && !isRecord(features))) {
        throw new Error(
          'a stored prediction has a cell that is not a number or features that are not an object',
        );
      }
      rows.push({ cell, features: features ?? null });
    }
    const more = this.statements.windowHasMore.get(model, from, to, limit) !== undefined;
    return { rows, more };
  }
}

function* pairs(
  cells: readonly number[],
  versions: readonly string[],
): Generator<readonly [number, string]> {
  for (const cell of cells) for (const version of versions) yield [cell, version];
}

function retainedPrediction(row: unknown): RetainedPrediction {
  if (
    !isRecord(row) ||
    typeof row.seq !== 'number' ||
    typeof row.id !== 'string' ||
    typeof row.version !== 'string' ||
    typeof row.ts !== 'number' ||
    typeof row.cell !== 'number' ||
    typeof row.decision !== 'number' ||
    typeof row.body !== 'string'
  ) {
    throw new Error('the predictions table returned a row of an unexpected shape');
  }
  return {
    seq: row.seq,
    id: row.id,
    version: row.version,
    ts: row.ts,
    cell: row.cell,
    decision: row.decision === 0 ? 0 : 1,
    score: typeof row.score === 'number' ? row.score : null,
    body: row.body,
    label: typeof row.label === 'number' ? (row.label === 0 ? 0 : 1) : null,
    outcomeTs: typeof row.outcome_ts === 'number' ? row.outcome_ts : null,
  };
}
