import type Database from 'better-sqlite3';
import { isRecord } from '../isRecord.js';

export const INCIDENT_ENTRY_KINDS = ['fired', 'resolved', 'acknowledged', 'silenced'] as const;
export type IncidentEntryKind = (typeof INCIDENT_ENTRY_KINDS)[number];

/** One line of an alert episode's history; `body` is JSON the alerting code writes and reads. */
export interface IncidentEntry {
  readonly fingerprint: string;
  /** The alert's firing episode this line belongs to (1 for its first). */
  readonly episode: number;
  readonly kind: IncidentEntryKind;
  readonly ts: number;
  readonly body: string;
}

/**
 * The append-only history of alert episodes. The evaluator keeps only each alert's current
 * state; this log keeps every transition, so past incidents survive resolution and restarts.
 */
export class IncidentLog {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      append: db.prepare(
        'INSERT INTO incidents (fingerprint, episode, kind, ts, body) VALUES (?, ?, ?, ?, ?)',
      ),
      recentFired: db.prepare(
        `SELECT fingerprint, episode, kind, ts, body FROM incidents WHERE kind = 'fired'
         ORDER BY seq DESC LIMIT ?`,
      ),
      episode: db.prepare(
        `SELECT fingerprint, episode, kind, ts, body FROM incidents
         WHERE fingerprint = ? AND episode = ? ORDER BY seq`,
      ),
    };
  }

  append(entry: IncidentEntry): void {
    this.statements.append.run(entry.fingerprint, entry.episode, entry.kind, entry.ts, entry.body);
  }

  /** The `limit` most recent episodes' `fired` lines, newest first. */
  recentFired(limit: number): IncidentEntry[] {
    return this.statements.recentFired.all(limit).map(incidentEntry);
  }

  /** Every line of one episode, in the order written. */
  episode(fingerprint: string, episode: number): IncidentEntry[] {
    return this.statements.episode.all(fingerprint, episode).map(incidentEntry);
  }
}

function incidentEntry(row: unknown): IncidentEntry {
  if (!isRecord(row)) throw new Error('an incidents row is not a row');
  const { fingerprint, episode, kind, ts, body } = row;
  const known = INCIDENT_ENTRY_KINDS.find((candidate) => candidate === kind);
  if (
    typeof fingerprint !== 'string' ||
    typeof episode !== 'number' ||
    known === undefined ||
    typeof ts !== 'number' ||
    typeof body !== 'string'
  ) {
    throw new Error('the incidents table returned a row of an unexpected shape');
  }
  return { fingerprint, episode, kind: known, ts, body };
}
