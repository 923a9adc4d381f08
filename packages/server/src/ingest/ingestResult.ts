/** What an ingest request did with each item: the response body of the ingest endpoints. */

export type EventKind = 'predictions' | 'outcomes' | 'deployments';

/** Stable reason codes, used as the `reason` label of the rejection counter. */
export type RejectionCode =
  | 'malformed_json'
  | 'invalid'
  | 'unknown_model'
  | 'future_timestamp'
  | 'too_old'
  | 'id_conflict'
  | 'label_conflict';

export interface Rejection {
  readonly index: number;
  readonly code: RejectionCode;
  readonly reason: string;
}

export interface IngestResult {
  /** Items committed to the store, including identical retries. */
  readonly accepted: number;
  /** Accepted items that were identical retries, counted once. */
  readonly duplicates: number;
  /** Outcomes kept until their prediction arrives. */
  readonly held: number;
  readonly rejected: readonly Rejection[];
  /** The latest event time committed, or null when nothing new was. */
  readonly latestTs: number | null;
}

/** Where the ingest path reports what it did, for /metrics. */
export interface IngestCounters {
  /** New events committed (identical retries not included). */
  accepted(kind: EventKind, count: number): void;
  /** Identical retries, accepted and counted once. */
  duplicates(kind: EventKind, count: number): void;
  /** Outcomes held until their prediction arrives. */
  held(count: number): void;
  rejected(kind: EventKind, code: RejectionCode): void;
}
