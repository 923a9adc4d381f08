import type { Alert } from '@fairwatch/contracts';
import { isRecord } from '../isRecord.js';
import type { IncidentEntry, IncidentLog } from '../store/incidentLog.js';

/** What an incident's `fired` line records about the alert, beyond its fingerprint. */
interface FiredFacts {
  readonly slo: string;
  readonly severity: string;
  readonly model: string;
  readonly version: string;
  readonly attribute: string;
  readonly cohort: Readonly<Record<string, string | null>>;
  readonly comparedWith: Readonly<Record<string, string | null>>;
  readonly metric: string;
  readonly summary: string;
  readonly silencedBy: string | null;
}

/** The episode a line about `alert` belongs to: a pending alert's is the one it may start. */
export function episodeOf(alert: Alert, episodes: number): number {
  return alert.state === 'pending' || alert.state === 'inactive' ? episodes + 1 : episodes;
}

export function firedEntry(alert: Alert, episode: number, ts: number): IncidentEntry {
  const facts: FiredFacts = {
    slo: alert.slo,
    severity: alert.severity,
    model: alert.model,
    version: alert.version,
    attribute: alert.attribute,
    cohort: alert.group.attributes,
    comparedWith: alert.comparedWith.attributes,
    metric: alert.metric,
    summary: alert.summary,
    silencedBy: alert.silencedBy,
  };
  return {
    fingerprint: alert.fingerprint,
    episode,
    kind: 'fired',
    ts,
    body: JSON.stringify(facts),
  };
}

export function resolvedEntry(fingerprint: string, episode: number, ts: number): IncidentEntry {
  return { fingerprint, episode, kind: 'resolved', ts, body: '{}' };
}

export function acknowledgedEntry(
  alert: Alert,
  episode: number,
  by: string,
  ts: number,
): IncidentEntry {
  return {
    fingerprint: alert.fingerprint,
    episode,
    kind: 'acknowledged',
    ts,
    body: JSON.stringify({ by }),
  };
}

export function silencedEntry(
  alert: Alert,
  episode: number,
  by: string,
  silenceId: string,
  ts: number,
): IncidentEntry {
  return {
    fingerprint: alert.fingerprint,
    episode,
    kind: 'silenced',
    ts,
    body: JSON.stringify({ by, silence: silenceId }),
  };
}

/** One alert episode as GET /v1/incidents shows it. */
export interface Incident {
  readonly fingerprint: string;
  readonly episode: number;
  readonly state: 'firing' | 'resolved';
  readonly slo: string;
  readonly severity: string;
  readonly model: string;
  readonly version: string;
  readonly attribute: string;
  readonly cohort: Readonly<Record<string, string | null>>;
  readonly compared_with: Readonly<Record<string, string | null>>;
  readonly metric: string;
  readonly summary: string;
  readonly fired_at: string;
  readonly resolved_at: string | null;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: string | null;
  readonly silenced_by: string | null;
  readonly history: readonly { kind: string; ts: string; by?: string }[];
}

/**
 * The `limit` most recent alert episodes, newest first, each assembled from its lines in the
 * log. Lines are checked as they are read; an unreadable one is a store fault and throws.
 */
export function recentIncidents(log: IncidentLog, limit: number): Incident[] {
  return log.recentFired(limit).map((fired) => {
    const facts = firedFacts(fired.body);
    if (typeof facts === 'string') {
      throw new Error(`incident ${fired.fingerprint}#${String(fired.episode)}: ${facts}`);
    }
    let resolvedAt: number | null = null;
    let acknowledged: { by: string; ts: number } | null = null;
    let silencedBy = facts.silencedBy;
    const history: { kind: string; ts: string; by?: string }[] = [];
    for (const entry of log.episode(fired.fingerprint, fired.episode)) {
      const by = entry.kind === 'acknowledged' || entry.kind === 'silenced' ? byOf(entry) : null;
      if (entry.kind === 'resolved') resolvedAt = entry.ts;
      if (entry.kind === 'acknowledged' && by !== null) acknowledged = { by, ts: entry.ts };
      if (entry.kind === 'silenced' && by !== null) silencedBy ??= by;
      history.push({
        kind: entry.kind,
        ts: new Date(entry.ts).toISOString(),
        ...(by === null ? {} : { by }),
      });
    }
    return {
      fingerprint: fired.fingerprint,
      episode: fired.episode,
      state: resolvedAt === null ? 'firing' : 'resolved',
      slo: facts.slo,
      severity: facts.severity,
      model: facts.model,
      version: facts.version,
      attribute: facts.attribute,
      cohort: facts.cohort,
      compared_with: facts.comparedWith,
      metric: facts.metric,
      summary: facts.summary,
      fired_at: new Date(fired.ts).toISOString(),
      resolved_at: resolvedAt === null ? null : new Date(resolvedAt).toISOString(),
      acknowledged_by: acknowledged?.by ?? null,
      acknowledged_at: acknowledged === null ? null : new Date(acknowledged.ts).toISOString(),
      silenced_by: silencedBy,
      history,
    };
  });
}

function byOf(entry: IncidentEntry): string {
  const parsed = parseJson(entry.body);
  if (!isRecord(parsed) || typeof parsed.by !== 'string') {
    throw new Error(`incident ${entry.fingerprint}: a ${entry.kind} line names no one`);
  }
  return parsed.by;
}

function firedFacts(body: string): FiredFacts | string {
  const raw = parseJson(body);
  if (!isRecord(raw)) return 'the fired line is not an object';
  const { slo, severity, model, version, attribute, cohort, comparedWith, metric, summary } = raw;
  const silencedBy = raw.silencedBy ?? null;
  if (
    typeof slo !== 'string' ||
    typeof severity !== 'string' ||
    typeof model !== 'string' ||
    typeof version !== 'string' ||
    typeof attribute !== 'string' ||
    typeof metric !== 'string' ||
    typeof summary !== 'string' ||
    (silencedBy !== null && typeof silencedBy !== 'string')
  ) {
    return 'the fired line lacks a field';
  }
  const cohortValues = groupValues(cohort);
  const comparedValues = groupValues(comparedWith);
  if (cohortValues === null || comparedValues === null) return 'the fired line has a bad group';
  return {
    slo,
    severity,
    model,
    version,
    attribute,
    cohort: cohortValues,
    comparedWith: comparedValues,
    metric,
    summary,
    silencedBy,
  };
}

function groupValues(value: unknown): Record<string, string | null> | null {
  if (!isRecord(value)) return null;
  const group: Record<string, string | null> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string' && item !== null) return null;
    group[name] = item;
  }
  return group;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
