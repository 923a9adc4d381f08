import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** A type guard for one fixture case. */
export type CaseGuard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is an object whose `keys` all hold finite numbers. */
export function hasNumbers<K extends string>(
  value: unknown,
  keys: readonly K[],
): value is Record<K, number> {
  return isRecord(value) && keys.every((key) => Number.isFinite(value[key]));
}

export function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => Number.isFinite(item));
}

/**
 * Reads `packages/core/test/fixtures/inference/<name>` (written by the generate_*.py script named
 * in its `generator` field) and returns its cases, each checked by `isCase`.
 */
export function readCases<T>(name: string, isCase: CaseGuard<T>): T[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL(`../fixtures/inference/${name}`, import.meta.url), 'utf8'),
  );
  if (!isRecord(parsed) || !Array.isArray(parsed.cases)) {
    throw new Error(`${name}: expected an object with a "cases" array`);
  }
  const cases: unknown[] = parsed.cases;
  const valid = cases.filter(isCase);
  if (valid.length !== cases.length || valid.length === 0) {
    const bad = cases.find((item) => !isCase(item));
    throw new Error(`${name}: unexpected case shape ${JSON.stringify(bad)}`);
  }
  return valid;
}

/**
 * Asserts |actual - expected| <= max(absolute, relative * |expected|); `label` names the case in
 * the failure message.
 */
export function expectClose(
  actual: number,
  expected: number,
  tolerance: { readonly relative?: number; readonly absolute?: number },
  label: string,
): void {
  const allowed = Math.max(tolerance.absolute ?? 0, (tolerance.relative ?? 0) * Math.abs(expected));
  const error = actual === expected ? 0 : Math.abs(actual - expected);
  expect(error, `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(allowed);
}
