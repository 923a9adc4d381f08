import { describe, expect, it } from 'vitest';
import { SliHistory } from '../../src/evaluation/sliHistory.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INTERVAL = 30 * SECOND;
const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);

/** Records evaluations every 30 s from `from`, bad where `bad(i)` says. */
function record(
  history: SliHistory,
  from: number,
  count: number,
  bad: (i: number) => boolean,
  keepRecentMs = 6 * HOUR,
  periodMs = 28 * DAY,
): number {
  let now = from;
  for (let i = 0; i < count; i++) {
    now = from + i * INTERVAL;
    history.record(now, bad(i), keepRecentMs, periodMs);
  }
  return now;
}

describe('SliHistory burn rate', () => {
  it('is (bad evaluations in the window / evaluations the window holds) / (1 - objective)', () => {
    const history = new SliHistory();
    // One hour holds 120 evaluations; 12 bad is 10% bad; at a 99% objective that burns 10x.
    const now = record(history, T0, 120, (i) => i % 10 === 0);
    expect(history.burnRate(now, HOUR, INTERVAL, 0.99)).toBeCloseTo(10, 12);
    // 5 minutes hold 10 evaluations, of which the one at i = 110 is bad.
    expect(history.badWithin(now, 5 * MINUTE)).toBe(1);
    expect(history.burnRate(now, 5 * MINUTE, INTERVAL, 0.99)).toBeCloseTo(10, 12);
  });

  it('counts the evaluations a new window has not seen yet as good', () => {
    const history = new SliHistory();
    const now = record(history, T0, 3, () => true);
    // 3 bad of the 120 an hour holds.
    expect(history.burnRate(now, HOUR, INTERVAL, 0.999)).toBeCloseTo(3 / 120 / 0.001, 9);
  });

  it('leaves bad evaluations out once they are older than the window', () => {
    const history = new SliHistory();
    record(history, T0, 10, () => true);
    const later = T0 + HOUR + 10 * INTERVAL;
    expect(history.badWithin(later, HOUR)).toBe(0);
    expect(history.burnRate(later, HOUR, INTERVAL, 0.99)).toBe(0);
  });

  it('reaches the page threshold of 14.4 at a 99.9% objective after two bad evaluations in an hour', () => {
    const history = new SliHistory();
    const first = record(history, T0, 1, () => true);
    expect(history.burnRate(first, HOUR, INTERVAL, 0.999)).toBeLessThan(14.4);
    history.record(first + INTERVAL, true, 6 * HOUR, 28 * DAY);
    expect(history.burnRate(first + INTERVAL, HOUR, INTERVAL, 0.999)).toBeGreaterThanOrEqual(14.4);
  });
});

describe('SliHistory error budget', () => {
  it('is 1 - bad / allowed, where the period allows (period / interval) x (1 - objective) bad', () => {
    const history = new SliHistory();
    // 28 days of 30 s evaluations at 99.9%: 80640 x 0.001 = 80.64 bad allowed.
    record(history, T0, 40, () => true);
    expect(history.budgetRemaining(28 * DAY, INTERVAL, 0.999)).toBeCloseTo(1 - 40 / 80.64, 12);
  });

  it('goes negative when the budget is overspent', () => {
    const history = new SliHistory();
    record(history, T0, 100, () => true);
    expect(history.budgetRemaining(28 * DAY, INTERVAL, 0.999)).toBeCloseTo(1 - 100 / 80.64, 12);
  });

  it('keeps bad evaluations older than the burn windows in the budget until the period passes', () => {
    const history = new SliHistory();
    record(history, T0, 20, () => true, HOUR, DAY);
    // Eight hours later none is within the longest burn window, all are within the period.
    history.record(T0 + 8 * HOUR, false, HOUR, DAY);
    expect(history.badWithin(T0 + 8 * HOUR, HOUR)).toBe(0);
    expect(history.budgetRemaining(DAY, INTERVAL, 0.99)).toBeCloseTo(1 - 20 / 28.8, 12);
    // Past the period they are forgotten.
    history.record(T0 + DAY + 2 * HOUR, false, HOUR, DAY);
    expect(history.budgetRemaining(DAY, INTERVAL, 0.99)).toBe(1);
    expect(history.empty).toBe(true);
  });

  it('survives a snapshot round trip', () => {
    const history = new SliHistory();
    const now = record(history, T0, 50, (i) => i % 3 === 0);
    const copy = SliHistory.fromSnapshot(structuredClone(history.snapshot()));
    expect(copy.burnRate(now, HOUR, INTERVAL, 0.999)).toBe(
      history.burnRate(now, HOUR, INTERVAL, 0.999),
    );
    expect(copy.budgetRemaining(28 * DAY, INTERVAL, 0.999)).toBe(
      history.budgetRemaining(28 * DAY, INTERVAL, 0.999),
    );
  });
});
