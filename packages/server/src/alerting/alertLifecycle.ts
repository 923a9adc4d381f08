import type { AlertState } from '@fairwatch/contracts';

/** Where one alert is in its lifecycle, with the times each state was reached. */
export interface Lifecycle {
  readonly state: AlertState;
  /** When the current episode's condition first held (pending or firing). */
  readonly activeAt: number | null;
  readonly firedAt: number | null;
  readonly resolvedAt: number | null;
  /** Firing episodes so far. */
  readonly episodes: number;
}

export const INACTIVE: Lifecycle = {
  state: 'inactive',
  activeAt: null,
  firedAt: null,
  resolvedAt: null,
  episodes: 0,
};

/**
 * The next lifecycle state after one evaluation, Prometheus-style: the condition must hold
 * for `forMs` (pending) before the alert fires; a firing alert whose condition stops holding
 * is resolved; a resolved alert whose condition holds again starts a new episode.
 */
export function nextLifecycle(
  current: Lifecycle,
  holds: boolean,
  now: number,
  forMs: number,
): Lifecycle {
  switch (current.state) {
    case 'inactive':
    case 'resolved': {
      if (!holds) return current;
      if (forMs <= 0) return fire({ ...current, activeAt: now }, now);
      return { ...current, state: 'pending', activeAt: now, firedAt: null, resolvedAt: null };
    }
    case 'pending': {
      if (!holds) return { ...current, state: 'inactive', activeAt: null };
      return now - (current.activeAt ?? now) >= forMs ? fire(current, now) : current;
    }
    case 'firing': {
      if (holds) return current;
      return { ...current, state: 'resolved', resolvedAt: now };
    }
  }
}

function fire(current: Lifecycle, now: number): Lifecycle {
  return {
    ...current,
    state: 'firing',
    firedAt: now,
    resolvedAt: null,
    episodes: current.episodes + 1,
  };
}
