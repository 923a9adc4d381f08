/** How numbers read on the dashboard: a value always with its interval when it has one. */

export function formatNumber(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value) && Math.abs(value) >= 1) return value.toLocaleString('en-US');
  return value.toFixed(digits);
}

export function formatInterval(ci: readonly [number, number] | null, digits = 3): string {
  if (ci === null) return '';
  return `[${formatNumber(ci[0], digits)}, ${formatNumber(ci[1], digits)}]`;
}

/** "0.104 [0.080, 0.128]", or "undefined" when the rate has no denominator. */
export function formatEstimate(
  value: number | null,
  ci: readonly [number, number] | null,
  digits = 3,
): string {
  if (value === null) return 'undefined';
  const interval = formatInterval(ci, digits);
  return interval.length > 0
    ? `${formatNumber(value, digits)} ${interval}`
    : formatNumber(value, digits);
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A cohort's attribute values as people read them: "segment=s02, sex=F". */
export function formatCohort(attributes: Readonly<Record<string, string | null>>): string {
  const parts = Object.entries(attributes).map(
    ([name, value]) => `${name}=${value ?? '(missing)'}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'everyone';
}

export function formatTime(iso: string | number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Median label lag from histogram bins (upper bounds in seconds), as a readable duration. */
export function medianLag(
  bins: readonly { le_seconds: number | null; outcomes: number }[],
): string {
  const total = bins.reduce((sum, bin) => sum + bin.outcomes, 0);
  if (total === 0) return '—';
  let seen = 0;
  for (const bin of bins) {
    seen += bin.outcomes;
    if (seen >= total / 2)
      return bin.le_seconds === null ? '> 30d' : `≤ ${formatSeconds(bin.le_seconds)}`;
  }
  return '—';
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${String(seconds)}s`;
  if (seconds < 3600) return `${String(Math.round(seconds / 60))}m`;
  if (seconds < 86_400) return `${String(Math.round(seconds / 3600))}h`;
  return `${String(Math.round(seconds / 86_400))}d`;
}

/** Parses the short durations the views use (30m, 6h, 7d) into milliseconds. */
export function durationMs(text: string): number | null {
  const match = /^(\d+)(m|h|d)$/.exec(text);
  if (match === null) return null;
  const unit = match[2] === 'm' ? 60_000 : match[2] === 'h' ? 3_600_000 : 86_400_000;
  return Number(match[1]) * unit;
}

/** A step that gives about `points` points over the window, on a readable grid. */
export function stepFor(windowMs: number, points = 48): string {
  const steps = ['1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d'];
  for (const step of steps) {
    if (windowMs / (durationMs(step) ?? 1) <= points) return step;
  }
  return '1d';
}
