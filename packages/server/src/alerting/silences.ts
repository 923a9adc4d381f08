import { parseDuration } from '@fairwatch/contracts';

/**
 * Silences: a set of label matchers and a time span. A silenced alert still follows its
 * lifecycle and is listed, but no receiver hears of it while the silence lasts.
 */
export interface Silence {
  readonly id: string;
  /** Exact-match label values, e.g. {"slo": "loans-fpr", "group": "segment=s02"}. */
  readonly matchers: Readonly<Record<string, string>>;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

export const SILENCE_LABELS = [
  'slo',
  'model',
  'version',
  'attribute',
  'group',
  'metric',
  'severity',
  'fingerprint',
] as const;

export function silenceMatches(
  silence: Silence,
  labels: Readonly<Record<string, string>>,
  now: number,
): boolean {
  if (now < silence.startsAt || now >= silence.endsAt) return false;
  return Object.entries(silence.matchers).every(([name, value]) => labels[name] === value);
}

/** Checks a silence from the API or the store; returns the reason it is invalid, or the silence. */
export function parseSilence(raw: unknown, id: string, now: number): Silence | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'a silence must be a JSON object';
  const body = raw as Record<string, unknown>;
  const matchers = body.matchers;
  if (typeof matchers !== 'object' || matchers === null || Array.isArray(matchers)) {
    return 'matchers must be an object of label values';
  }
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(matchers)) {
    if (!(SILENCE_LABELS as readonly string[]).includes(name)) {
      return `matchers.${name} is not a label; use ${SILENCE_LABELS.join(', ')}`;
    }
    if (typeof value !== 'string') return `matchers.${name} must be a string`;
    checked[name] = value;
  }
  if (Object.keys(checked).length === 0) return 'matchers must name at least one label';
  const startsAt = body.startsAt === undefined ? now : parseTime(body.startsAt);
  // A silence ends at endsAt, or `duration` after it starts: the dashboard does not know the
  // service's clock, which runs on event time in replays.
  const duration = typeof body.duration === 'string' ? parseDuration(body.duration) : null;
  if (body.duration !== undefined && (duration === null || duration <= 0))
    return 'duration must be a duration such as 30m or 4h';
  const endsAt = duration !== null ? startsAt + duration : parseTime(body.endsAt);
  if (Number.isNaN(startsAt)) return 'startsAt must be an RFC 3339 time';
  if (Number.isNaN(endsAt)) return 'endsAt must be an RFC 3339 time (or give a duration)';
  if (endsAt <= startsAt) return 'endsAt must be after startsAt';
  const createdBy = body.createdBy;
  if (typeof createdBy !== 'string' || createdBy.length === 0)
    return 'createdBy must name who silences';
  const comment = typeof body.comment === 'string' ? body.comment : '';
  return { id, matchers: checked, startsAt, endsAt, createdBy, comment };
}

/** A silence as the API shows it and the store keeps it. */
export function silenceBody(silence: Silence): Record<string, unknown> {
  return {
    id: silence.id,
    matchers: silence.matchers,
    startsAt: new Date(silence.startsAt).toISOString(),
    endsAt: new Date(silence.endsAt).toISOString(),
    createdBy: silence.createdBy,
    comment: silence.comment,
  };
}

function parseTime(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}
