import type { AlertState } from '@fairwatch/contracts';
import type { Lifecycle } from '../alerting/alertLifecycle.js';
import { isRecord } from '../isRecord.js';
import type { EvaluatorSnapshot } from './evaluator.js';
import type { SliSnapshot } from './sliHistory.js';

const ALERT_STATES: readonly AlertState[] = ['inactive', 'pending', 'firing', 'resolved'];

/**
 * Reads back the evaluator's saved state (`Evaluator.snapshot` as JSON), checking every part.
 * Returns the reason when the text is not such a snapshot, so the caller can start afresh
 * instead of restoring state it cannot trust.
 */
export function parseEvaluatorSnapshot(text: string): EvaluatorSnapshot | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (!isRecord(raw) || !Array.isArray(raw.comparisons) || !Array.isArray(raw.alerts)) {
    return 'it has no comparisons and alerts lists';
  }
  const comparisons: (readonly [string, SliSnapshot])[] = [];
  for (const entry of raw.comparisons) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      return 'a comparison is not a [key, history] pair';
    }
    const history = sliSnapshot(entry[1]);
    if (history === null) return `the history of comparison ${entry[0]} is malformed`;
    comparisons.push([entry[0], history]);
  }
  const alerts: EvaluatorSnapshot['alerts'][number][] = [];
  for (const alert of raw.alerts) {
    if (!isRecord(alert) || typeof alert.fingerprint !== 'string') {
      return 'an alert has no fingerprint';
    }
    const lifecycle = lifecycleOf(alert.lifecycle);
    const by = alert.acknowledgedBy;
    if (lifecycle === null || (by !== null && typeof by !== 'string')) {
      return `alert ${alert.fingerprint} is malformed`;
    }
    alerts.push({ fingerprint: alert.fingerprint, lifecycle, acknowledgedBy: by });
  }
  return { comparisons, alerts };
}

function sliSnapshot(value: unknown): SliSnapshot | null {
  if (!isRecord(value) || !isNumbers(value.recentBad) || !Array.isArray(value.hourlyBad)) {
    return null;
  }
  const hourlyBad: [number, number][] = [];
  for (const pair of value.hourlyBad) {
    if (!isNumbers(pair) || pair.length !== 2) return null;
    hourlyBad.push([pair[0]!, pair[1]!]);
  }
  return { recentBad: value.recentBad, hourlyBad };
}

function lifecycleOf(value: unknown): Lifecycle | null {
  if (!isRecord(value)) return null;
  const state = ALERT_STATES.find((candidate) => candidate === value.state);
  const { activeAt, firedAt, resolvedAt, episodes } = value;
  if (
    state === undefined ||
    !isTimeOrNull(activeAt) ||
    !isTimeOrNull(firedAt) ||
    !isTimeOrNull(resolvedAt) ||
    typeof episodes !== 'number' ||
    !Number.isSafeInteger(episodes) ||
    episodes < 0
  ) {
    return null;
  }
  return { state, activeAt, firedAt, resolvedAt, episodes };
}

function isTimeOrNull(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

function isNumbers(value: unknown): value is number[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item))
  );
}
