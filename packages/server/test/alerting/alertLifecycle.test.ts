import { describe, expect, it } from 'vitest';
import { INACTIVE, nextLifecycle, type Lifecycle } from '../../src/alerting/alertLifecycle.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

/** The lifecycle after evaluations at T0, T0 + 1 min, ... with the condition as given. */
function walk(
  conditions: readonly boolean[],
  forMs: number,
  from: Lifecycle = INACTIVE,
): Lifecycle[] {
  const states: Lifecycle[] = [];
  let current = from;
  conditions.forEach((holds, i) => {
    current = nextLifecycle(current, holds, T0 + i * MINUTE, forMs);
    states.push(current);
  });
  return states;
}

describe('nextLifecycle', () => {
  it('stays inactive while the condition does not hold', () => {
    expect(walk([false, false], 0).at(-1)).toBe(INACTIVE);
  });

  it('fires at once when there is no for duration', () => {
    const [first] = walk([true], 0);
    expect(first).toEqual({
      state: 'firing',
      activeAt: T0,
      firedAt: T0,
      resolvedAt: null,
      episodes: 1,
    });
  });

  it('waits in pending for the for duration, then fires', () => {
    const states = walk([true, true, true, true], 2 * MINUTE);
    expect(states.map((s) => s.state)).toEqual(['pending', 'pending', 'firing', 'firing']);
    expect(states[2]).toMatchObject({ activeAt: T0, firedAt: T0 + 2 * MINUTE, episodes: 1 });
  });

  it('goes back to inactive when the condition stops holding while pending', () => {
    const states = walk([true, false], 5 * MINUTE);
    expect(states.map((s) => s.state)).toEqual(['pending', 'inactive']);
    expect(states[1]).toMatchObject({ activeAt: null, episodes: 0 });
  });

  it('restarts the for duration after pending was interrupted', () => {
    const states = walk([true, false, true, true, true], 2 * MINUTE);
    expect(states.map((s) => s.state)).toEqual([
      'pending',
      'inactive',
      'pending',
      'pending',
      'firing',
    ]);
    expect(states[4]).toMatchObject({ activeAt: T0 + 2 * MINUTE, firedAt: T0 + 4 * MINUTE });
  });

  it('resolves a firing alert when the condition stops holding, keeping when it fired', () => {
    const states = walk([true, true, false, false], 0);
    expect(states.map((s) => s.state)).toEqual(['firing', 'firing', 'resolved', 'resolved']);
    expect(states[3]).toMatchObject({
      firedAt: T0,
      resolvedAt: T0 + 2 * MINUTE,
      episodes: 1,
    });
  });

  it('starts a new episode when a resolved alert fires again', () => {
    const states = walk([true, false, true], 0);
    expect(states[2]).toEqual({
      state: 'firing',
      activeAt: T0 + 2 * MINUTE,
      firedAt: T0 + 2 * MINUTE,
      resolvedAt: null,
      episodes: 2,
    });
  });

  it('passes through pending again before a resolved alert re-fires with a for duration', () => {
    const states = walk([true, true, false, true, true], MINUTE);
    expect(states.map((s) => s.state)).toEqual([
      'pending',
      'firing',
      'resolved',
      'pending',
      'firing',
    ]);
    expect(states[3]).toMatchObject({ firedAt: null, resolvedAt: null, episodes: 1 });
    expect(states[4]).toMatchObject({ activeAt: T0 + 3 * MINUTE, episodes: 2 });
  });
});
