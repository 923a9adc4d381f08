/**
 * Field readers shared by the event validators. Each returns the value or a reason string
 * naming the field, so a validator can stop at the first bad field of an item.
 */

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const MAX_ID_LENGTH = 256;
const MAX_NAME_LENGTH = 128;

export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function fail<T>(reason: string): Checked<T> {
  return { ok: false, reason };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requiredId(item: Record<string, unknown>, field: string): Checked<string> {
  const value = item[field];
  if (value === undefined || value === null) return fail(`missing ${field}`);
  if (typeof value !== 'string' && typeof value !== 'number') {
    return fail(`${field} must be a string`);
  }
  const text = String(value);
  if (text.length === 0) return fail(`${field} is empty`);
  if (text.length > MAX_ID_LENGTH)
    return fail(`${field} is longer than ${String(MAX_ID_LENGTH)} characters`);
  return ok(text);
}

export function requiredName(item: Record<string, unknown>, field: string): Checked<string> {
  const value = item[field];
  if (value === undefined || value === null) return fail(`missing ${field}`);
  if (typeof value !== 'string') return fail(`${field} must be a string`);
  if (value.length === 0) return fail(`${field} is empty`);
  if (value.length > MAX_NAME_LENGTH)
    return fail(`${field} is longer than ${String(MAX_NAME_LENGTH)} characters`);
  return ok(value);
}

/** RFC 3339 with a zone, e.g. 2026-11-26T10:00:00Z or 2026-11-26T10:00:00.123+01:00. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** Earliest accepted time: 2000-01-01, to catch seconds sent as milliseconds. */
const EARLIEST_MS = 946_684_800_000;

export function requiredTime(item: Record<string, unknown>, field: string): Checked<number> {
  const value = item[field];
  if (value === undefined || value === null) return fail(`missing ${field}`);
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return fail(`${field} must be a finite number of epoch milliseconds`);
    ms = Math.round(value);
  } else if (typeof value === 'string') {
    if (!RFC_3339.test(value))
      return fail(`${field} must be RFC 3339 with a time zone or epoch milliseconds`);
    ms = Date.parse(value);
    if (Number.isNaN(ms)) return fail(`${field} is not a valid date`);
  } else {
    return fail(`${field} must be RFC 3339 text or epoch milliseconds`);
  }
  if (ms < EARLIEST_MS)
    return fail(`${field} is before 2000-01-01 (seconds instead of milliseconds?)`);
  return ok(ms);
}

/** 0/1, also accepting true/false, for labels and decisions. */
export function binary(value: unknown, field: string): Checked<0 | 1> {
  if (value === 0 || value === false) return ok(0);
  if (value === 1 || value === true) return ok(1);
  return fail(`${field} must be 0 or 1`);
}
