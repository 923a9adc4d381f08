/**
 * The SLI of one SLO comparison over time: each evaluation is good, or bad when the evidence
 * said the disparity was outside its band. Recent evaluations are kept one by one (for the
 * burn-rate windows); older ones as hourly counts (for the error budget over the SLO period).
 *
 * burn rate over W = (bad evaluations in W / evaluations W holds) / (1 - objective), where W
 * holds W / interval evaluations: a window not yet filled counts its missing evaluations as
 * good, so a new service does not page on its first bad evaluation.
 */
export interface SliSnapshot {
  readonly recentBad: readonly number[];
  readonly hourlyBad: readonly (readonly [number, number])[];
}

const HOUR_MS = 3_600_000;

export class SliHistory {
  /** Times of bad evaluations within the longest burn window. */
  private recentBad: number[] = [];
  /** Bad evaluations per hour start, within the SLO period. */
  private readonly hourlyBad = new Map<number, number>();

  static fromSnapshot(snapshot: SliSnapshot): SliHistory {
    const history = new SliHistory();
    history.recentBad = [...snapshot.recentBad];
    for (const [hour, count] of snapshot.hourlyBad) history.hourlyBad.set(hour, count);
    return history;
  }

  snapshot(): SliSnapshot {
    return { recentBad: [...this.recentBad], hourlyBad: [...this.hourlyBad.entries()] };
  }

  record(now: number, bad: boolean, keepRecentMs: number, periodMs: number): void {
    if (bad) {
      this.recentBad.push(now);
      const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
      this.hourlyBad.set(hour, (this.hourlyBad.get(hour) ?? 0) + 1);
    }
    const recentCutoff = now - keepRecentMs;
    let drop = 0;
    while (drop < this.recentBad.length && this.recentBad[drop]! <= recentCutoff) drop++;
    if (drop > 0) this.recentBad = this.recentBad.slice(drop);
    const periodCutoff = now - periodMs;
    for (const hour of this.hourlyBad.keys()) {
      if (hour + HOUR_MS <= periodCutoff) this.hourlyBad.delete(hour);
    }
  }

  badWithin(now: number, windowMs: number): number {
    let count = 0;
    for (let i = this.recentBad.length - 1; i >= 0; i--) {
      if (this.recentBad[i]! <= now - windowMs) break;
      count++;
    }
    return count;
  }

  burnRate(now: number, windowMs: number, intervalMs: number, objective: number): number {
    const evaluations = Math.max(1, Math.round(windowMs / intervalMs));
    return this.badWithin(now, windowMs) / evaluations / (1 - objective);
  }

  /** The share of the period's error budget not yet spent (negative when overspent). */
  budgetRemaining(periodMs: number, intervalMs: number, objective: number): number {
    let bad = 0;
    for (const count of this.hourlyBad.values()) bad += count;
    const allowed = (periodMs / intervalMs) * (1 - objective);
    return 1 - bad / allowed;
  }

  get empty(): boolean {
    return this.recentBad.length === 0 && this.hourlyBad.size === 0;
  }
}
