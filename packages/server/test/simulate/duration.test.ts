import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/simulate/duration.js';

describe('parseDuration', () => {
  it('reads one number-unit part', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
  });

  it('adds up several parts', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d2h3m4s')).toBe(93_784_000);
  });

  it('returns null for anything else', () => {
    for (const text of ['', '30', 'm', '5x', '1h 30m', '-1h', '1h30', 'h1', '1e3s']) {
      expect(parseDuration(text), text).toBeNull();
    }
  });
});

describe('formatDuration', () => {
  it('writes the largest whole units', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(90_061_000)).toBe('1d1h1m1s');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(1500)).toBe('1s500ms');
  });

  it('round-trips with parseDuration', () => {
    for (const ms of [1000, 60_000, 3_723_000, 604_800_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
