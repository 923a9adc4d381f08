import { isRecord } from '../isRecord.js';

/** The parts of a stored prediction's canonical body the dashboards show. */
export interface StoredBody {
  readonly groups: Readonly<Record<string, string | null>>;
  readonly features: Readonly<Record<string, unknown>> | null;
  readonly traffic: string | null;
}

/**
 * Reads back the canonical body the ingestor writes (`[model, version, ts, score, prediction,
 * [[attribute, value], ...], features, traffic]`), checking each part rather than trusting
 * the column. Returns the reason when the text is not such a body.
 */
export function parseStoredBody(text: string): StoredBody | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'the stored body is not JSON';
  }
  if (!Array.isArray(parsed) || parsed.length !== 8) return 'the stored body is not an event';
  const parts: readonly unknown[] = parsed;
  const [, , , , , pairs, features, traffic] = parts;
  if (!Array.isArray(pairs)) return 'the stored groups are not a list';
  const groups: Record<string, string | null> = {};
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return 'a stored group is not a pair';
    const both: readonly unknown[] = pair;
    const [name, value] = both;
    if (typeof name !== 'string' || (typeof value !== 'string' && value !== null)) {
      return 'a stored group is not a name and a value';
    }
    groups[name] = value;
  }
  if (features !== null && !isRecord(features)) return 'the stored features are not an object';
  if (traffic !== null && typeof traffic !== 'string') return 'the stored traffic is not a name';
  return { groups, features, traffic };
}
