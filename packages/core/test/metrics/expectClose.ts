import { expect } from 'vitest';

export interface Tolerance {
  readonly relative?: number;
  readonly absolute?: number;
}

/** Asserts |actual - expected| <= max(absolute, relative * |expected|). */
export function expectClose(
  actual: number | null | undefined,
  expected: number,
  tolerance: Tolerance,
  label: string,
): void {
  expect(actual, `${label}: missing`).toBeTypeOf('number');
  if (typeof actual !== 'number') return;
  const allowed = Math.max(tolerance.absolute ?? 0, (tolerance.relative ?? 0) * Math.abs(expected));
  const error = actual === expected ? 0 : Math.abs(actual - expected);
  expect(error, `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(allowed);
}

/** Asserts both bounds of an interval, or that both are null. */
export function expectInterval(
  actual: readonly [number, number] | null | undefined,
  expected: readonly [number, number] | null,
  tolerance: Tolerance,
  label: string,
): void {
  if (expected === null) {
    expect(actual ?? null, `${label}: interval`).toBeNull();
    return;
  }
  expect(actual, `${label}: interval missing`).toBeTruthy();
  if (!actual) return;
  expectClose(actual[0], expected[0], tolerance, `${label} low`);
  expectClose(actual[1], expected[1], tolerance, `${label} high`);
}
