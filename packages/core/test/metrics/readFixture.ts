import { readFileSync } from 'node:fs';

/** A type guard for one fixture case. */
export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isFiniteNumber);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isInterval(value: unknown): value is [number, number] {
  return isNumberArray(value) && value.length === 2;
}

/** An attribute map such as {"race": "Black"}; a missing value is null. */
export function isAttributes(value: unknown): value is Record<string, string | null> {
  return (
    isRecord(value) &&
    Object.values(value).every((item) => item === null || typeof item === 'string')
  );
}

export function isArrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value: unknown): value is T[] => Array.isArray(value) && value.every(guard);
}

export function isNullOr<T>(guard: Guard<T>): Guard<T | null> {
  return (value: unknown): value is T | null => value === null || guard(value);
}

/**
 * Reads `packages/core/test/fixtures/metrics/<name>` (written by the generate_*.py script named in
 * its `generator` field) and returns its cases, each checked by `isCase`.
 */
export function readFixtureCases<T>(name: string, isCase: Guard<T>): T[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL(`../fixtures/metrics/${name}`, import.meta.url), 'utf8'),
  );
  if (!isRecord(parsed) || !Array.isArray(parsed.cases) || parsed.cases.length === 0) {
    throw new Error(`${name}: expected an object with a non-empty "cases" array`);
  }
  const cases: unknown[] = parsed.cases;
  const bad = cases.find((item) => !isCase(item));
  if (bad !== undefined)
    throw new Error(`${name}: unexpected case shape ${JSON.stringify(bad).slice(0, 300)}`);
  return cases.filter(isCase);
}
