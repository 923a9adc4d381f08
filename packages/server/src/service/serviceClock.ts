/**
 * The service's notion of now. `wall` follows the system clock. `event` follows the newest
 * prediction time received (the watermark), so a simulation that replays days in minutes is
 * evaluated on its own time line, deterministically; wall time still stamps receipt and
 * bounds how far in the future an event may lie.
 */
export type ClockMode = 'wall' | 'event';

export class ServiceClock {
  readonly mode: ClockMode;
  private readonly wall: () => number;
  private watermark = Number.NEGATIVE_INFINITY;

  constructor(mode: ClockMode, wall: () => number = Date.now) {
    this.mode = mode;
    this.wall = wall;
  }

  wallNow(): number {
    return this.wall();
  }

  now(): number {
    if (this.mode === 'wall') return this.wall();
    return Number.isFinite(this.watermark) ? this.watermark : this.wall();
  }

  /** Whether an event has set the time yet (in event mode, evaluation waits for one). */
  get started(): boolean {
    return Number.isFinite(this.watermark);
  }

  observe(ts: number): void {
    if (ts > this.watermark) this.watermark = ts;
  }
}
