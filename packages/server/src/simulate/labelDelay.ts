import { normalQuantile } from '@fairwatch/core';
import { formatDuration } from './duration.js';
import { openUnit } from './scoreModel.js';

/** How long after its prediction an outcome arrives, in simulated time. */
export type LabelDelay =
  | { readonly kind: 'exponential'; readonly meanMs: number }
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number };

/** The delay for one uniform draw u in [0, 1), by inversion. */
export function drawLabelDelay(delay: LabelDelay, u: number): number {
  switch (delay.kind) {
    case 'exponential':
      return -delay.meanMs * Math.log1p(-u);
    case 'lognormal':
      return delay.medianMs * Math.exp(delay.sigma * normalQuantile(openUnit(u)));
  }
}

/** The mean delay: the mean for an exponential, median * exp(sigma^2 / 2) for a log-normal. */
export function meanLabelDelay(delay: LabelDelay): number {
  switch (delay.kind) {
    case 'exponential':
      return delay.meanMs;
    case 'lognormal':
      return delay.medianMs * Math.exp((delay.sigma * delay.sigma) / 2);
  }
}

/** The delay distribution in words, e.g. `log-normal, median 8h, 90% between 1h33m and 1d17h`. */
export function describeLabelDelay(delay: LabelDelay): string {
  switch (delay.kind) {
    case 'exponential':
      return `exponential, mean ${formatDuration(delay.meanMs)}`;
    case 'lognormal': {
      const spread = Math.exp(delay.sigma * normalQuantile(0.95));
      const low = formatDuration(roundToMinute(delay.medianMs / spread));
      const high = formatDuration(roundToMinute(delay.medianMs * spread));
      return `log-normal, median ${formatDuration(delay.medianMs)}, 90% between ${low} and ${high}`;
    }
  }
}

function roundToMinute(ms: number): number {
  return Math.round(ms / 60_000) * 60_000;
}
