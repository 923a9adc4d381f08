/**
 * The store's schema as ordered migrations. Each applied migration is recorded with the
 * SHA-256 of its SQL; a recorded migration whose text has changed stops the server, because
 * the database was built by a different schema than the code expects.
 */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '001_events',
    sql: `
      CREATE TABLE predictions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        ts INTEGER NOT NULL,
        cell INTEGER NOT NULL,
        decision INTEGER NOT NULL,
        score REAL,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        label INTEGER,
        outcome_ts INTEGER,
        label_seq INTEGER
      );
      CREATE INDEX predictions_label_seq ON predictions (label_seq) WHERE label_seq IS NOT NULL;
      CREATE TABLE held_outcomes (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        label INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE deployments (
        seq INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX deployments_model_ts ON deployments (model, ts);
      CREATE TABLE cells (
        model TEXT NOT NULL,
        cell INTEGER NOT NULL,
        vals TEXT NOT NULL,
        PRIMARY KEY (model, cell)
      ) WITHOUT ROWID;
    `,
  },
  {
    name: '002_statistics',
    sql: `
      CREATE TABLE buckets (
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        tier TEXT NOT NULL,
        start INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (model, version, tier, start)
      ) WITHOUT ROWID;
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    name: '003_alerting',
    sql: `
      CREATE TABLE evaluation_state (
        key TEXT PRIMARY KEY,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        receiver TEXT NOT NULL,
        body TEXT NOT NULL
      );
    `,
  },
  // The alert episodes' append-only history, and the indexes the dashboards' raw-event reads
  // need: a cohort's newest events (model, cell, version, ts: read per cell and version, so a
  // version filter is a seek, not a scan) and a window's newest events (model, ts).
  {
    name: '004_incidents',
    sql: `
      CREATE TABLE incidents (
        seq INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        episode INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ts INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX incidents_episode ON incidents (fingerprint, episode);
      CREATE INDEX predictions_cohort ON predictions (model, cell, version, ts);
      CREATE INDEX predictions_model_ts ON predictions (model, ts);
      `,
  },
  {
    // Buckets gain a parallel array of score statistics (windows/scoreCounts.ts). Buckets
    // written before it hold no scores: the store is marked with bucket layout 1 so that the
    // next start rebuilds them from the raw events (windows/bucketLayout.ts).
    name: '005_score_buckets',
    sql: `
      ALTER TABLE buckets ADD COLUMN scores BLOB;
      INSERT INTO meta (key, value) SELECT 'bucket_layout', '1' WHERE EXISTS (SELECT 1 FROM buckets);
    `,
  },
];
