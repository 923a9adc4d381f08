/**
 * Readers for the plain parsed object: each checks one value, records an issue at its path
 * when the value is wrong and returns the value, or `undefined` when it was wrong. Absent
 * keys (and `null`, which is what YAML makes of `key:` with nothing after it) take the
 * field's default, or are a `missing` issue when the field has none.
 */

import { closestKey } from './closestKey.js';
import type { ConfigIssue, ConfigIssueCode } from './configIssue.js';
import { parseDuration } from './duration.js';

export class IssueLog {
  readonly issues: ConfigIssue[] = [];

  add(code: ConfigIssueCode, path: string, message: string): void {
    this.issues.push({ code, path, message });
  }
}

/** The `name` of each entry of a list, where every name must be unique. */
export class UniqueNames {
  private readonly firstPaths = new Map<string, string>();

  constructor(
    private readonly log: IssueLog,
    /** Completes "`x` is already defined", e.g. "model". */
    private readonly what: string,
  ) {}

  /** Records a name at `path`; a name used before is a `duplicate` issue at the later use. */
  claim(name: unknown, path: string): void {
    if (typeof name !== 'string') return;
    const firstPath = this.firstPaths.get(name);
    if (firstPath === undefined) this.firstPaths.set(name, path);
    else
      this.log.add(
        'duplicate',
        path,
        `${this.what} \`${name}\` is already defined at ${firstPath}`,
      );
  }

  /** Every name given, duplicates and badly formed ones included. */
  names(): ReadonlySet<string> {
    return new Set(this.firstPaths.keys());
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The path of `key` inside `path`, as formatConfigPath would write it. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${String(key)}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a wrong value is, for messages: `got a list`, `got "abc"`, `got true`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

export interface TextFormat {
  readonly test: (text: string) => boolean;
  /** Completes "must be ...", e.g. "an http(s) URL". */
  readonly description: string;
}

export function readString(
  log: IssueLog,
  value: unknown,
  path: string,
  format?: TextFormat,
): string | undefined {
  if (typeof value !== 'string') {
    log.add('invalid_type', path, `expected text, got ${describeValue(value)}`);
    return undefined;
  }
  if (value === '') {
    log.add('missing', path, 'must not be empty');
    return undefined;
  }
  if (format !== undefined && !format.test(value)) {
    log.add('invalid_format', path, `must be ${format.description}, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

export interface NumberBounds {
  readonly integer?: boolean;
  /** Inclusive unless `minExclusive`. */
  readonly min?: number;
  readonly minExclusive?: boolean;
  /** Inclusive unless `maxExclusive`. */
  readonly max?: number;
  readonly maxExclusive?: boolean;
}

function boundsText(bounds: NumberBounds): string {
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined) {
    const open = bounds.minExclusive === true ? '(' : '[';
    const close = bounds.maxExclusive === true ? ')' : ']';
    return `in ${open}${String(min)}, ${String(max)}${close}`;
  }
  if (min !== undefined) {
    return `${bounds.minExclusive === true ? 'greater than' : 'at least'} ${String(min)}`;
  }
  if (max !== undefined) {
    return `${bounds.maxExclusive === true ? 'less than' : 'at most'} ${String(max)}`;
  }
  return 'a number';
}

export function readNumber(
  log: IssueLog,
  value: unknown,
  path: string,
  bounds: NumberBounds,
): number | undefined {
  const kind = bounds.integer === true ? 'an integer' : 'a number';
  if (typeof value !== 'number') {
    log.add('invalid_type', path, `expected ${kind}, got ${describeValue(value)}`);
    return undefined;
  }
  if (!Number.isFinite(value) || (bounds.integer === true && !Number.isSafeInteger(value))) {
    log.add('invalid_type', path, `expected ${kind}, got ${String(value)}`);
    return undefined;
  }
  const { min, max } = bounds;
  const tooSmall = min !== undefined && (bounds.minExclusive === true ? value <= min : value < min);
  const tooBig = max !== undefined && (bounds.maxExclusive === true ? value >= max : value > max);
  if (tooSmall || tooBig) {
    log.add(
      tooSmall ? 'too_small' : 'too_big',
      path,
      `must be ${boundsText(bounds)}, got ${String(value)}`,
    );
    return undefined;
  }
  return value;
}

const DURATION_HINT = 'a whole number with a unit (ms, s, m, h, d, w) such as 30s, 5m, 1h or 7d';

/** A duration in milliseconds: text such as `5m`, or an integer number of milliseconds. */
export function readDuration(
  log: IssueLog,
  value: unknown,
  path: string,
  options: { readonly allowZero?: boolean } = {},
): number | undefined {
  let ms: number | null;
  if (typeof value === 'string') {
    ms = parseDuration(value);
    if (ms === null) {
      log.add(
        'invalid_format',
        path,
        `must be a duration, ${DURATION_HINT}; got ${describeValue(value)}`,
      );
      return undefined;
    }
  } else if (typeof value === 'number') {
    ms = Number.isSafeInteger(value) && value >= 0 ? value : null;
    if (ms === null) {
      log.add(
        'invalid_format',
        path,
        `must be a duration, ${DURATION_HINT}, or a whole number of milliseconds; got ${String(value)}`,
      );
      return undefined;
    }
  } else {
    log.add(
      'invalid_type',
      path,
      `expected a duration, ${DURATION_HINT}; got ${describeValue(value)}`,
    );
    return undefined;
  }
  if (ms === 0 && options.allowZero !== true) {
    log.add('too_small', path, 'must be longer than 0');
    return undefined;
  }
  return ms;
}

export function readChoice<T extends string>(
  log: IssueLog,
  value: unknown,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const choice = allowed.find((candidate) => candidate === value);
  if (choice === undefined) {
    log.add(
      typeof value === 'string' ? 'invalid_value' : 'invalid_type',
      path,
      `must be one of ${allowed.join(', ')}; got ${describeValue(value)}`,
    );
  }
  return choice;
}

/** Records the keys of `mapping` that are not `known`, suggesting the closest known key. */
function checkKeys(
  log: IssueLog,
  mapping: Readonly<Record<string, unknown>>,
  path: string,
  known: readonly string[],
): void {
  for (const key of Object.keys(mapping)) {
    if (known.includes(key)) continue;
    const suggestion = closestKey(key, known);
    log.add(
      'unknown_key',
      childPath(path, key),
      suggestion === null
        ? `unknown key \`${key}\`; expected one of ${known.join(', ')}`
        : `unknown key \`${key}\`; did you mean \`${suggestion}\`?`,
    );
  }
}

/** The keys of one mapping in the file, read one field at a time. */
export class Fields {
  private constructor(
    readonly log: IssueLog,
    readonly path: string,
    private readonly mapping: Readonly<Record<string, unknown>>,
  ) {}

  /** `value` as a mapping with only `known` keys; undefined (and an issue) when not a mapping. */
  static of(
    log: IssueLog,
    value: unknown,
    path: string,
    known: readonly string[],
  ): Fields | undefined {
    if (!isMapping(value)) {
      log.add('invalid_type', path, `expected a mapping, got ${describeValue(value)}`);
      return undefined;
    }
    checkKeys(log, value, path, known);
    return new Fields(log, path, value);
  }

  /** A nested mapping whose keys all have defaults: absent is the same as empty. */
  section(key: string, known: readonly string[]): Fields | undefined {
    const value = this.get(key);
    return Fields.of(this.log, value ?? {}, this.at(key), known);
  }

  at(key: string): string {
    return childPath(this.path, key);
  }

  /** The raw value; `null` counts as absent. */
  get(key: string): unknown {
    const value = this.mapping[key];
    return value === null ? undefined : value;
  }

  /** Claims this entry's `name` among the names of its list. */
  claimName(names: UniqueNames): void {
    names.claim(this.get('name'), this.at('name'));
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * The raw value, or undefined after a `missing` issue when it is absent. `what` completes
   * "... is required", e.g. "at least one model".
   */
  required(key: string, what = `\`${key}\``): unknown {
    const value = this.get(key);
    if (value === undefined) this.log.add('missing', this.at(key), `${what} is required`);
    return value;
  }

  string(key: string, options: { default?: string; format?: TextFormat } = {}): string | undefined {
    const value = this.get(key);
    if (value === undefined && options.default !== undefined) return options.default;
    if (value === undefined) {
      this.missing(key);
      return undefined;
    }
    return readString(this.log, value, this.at(key), options.format);
  }

  /** Text that may be absent: null when it is. */
  optionalString(key: string, format?: TextFormat): string | null | undefined {
    const value = this.get(key);
    return value === undefined ? null : readString(this.log, value, this.at(key), format);
  }

  number(key: string, fallback: number, bounds: NumberBounds): number | undefined {
    const value = this.get(key);
    return value === undefined ? fallback : readNumber(this.log, value, this.at(key), bounds);
  }

  requiredNumber(key: string, bounds: NumberBounds): number | undefined {
    const value = this.get(key);
    if (value === undefined) {
      this.missing(key);
      return undefined;
    }
    return readNumber(this.log, value, this.at(key), bounds);
  }

  duration(
    key: string,
    fallback: number,
    options: { allowZero?: boolean } = {},
  ): number | undefined {
    const value = this.get(key);
    return value === undefined ? fallback : readDuration(this.log, value, this.at(key), options);
  }

  /** A required duration. */
  requiredDuration(key: string): number | undefined {
    const value = this.get(key);
    if (value === undefined) {
      this.missing(key);
      return undefined;
    }
    return readDuration(this.log, value, this.at(key));
  }

  choice<T extends string>(key: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.get(key);
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined) {
      this.missing(key);
      return undefined;
    }
    return readChoice(this.log, value, this.at(key), allowed);
  }

  /** A list, null when absent, undefined (and an issue) when not a list. */
  list(key: string): readonly unknown[] | null | undefined {
    const value = this.get(key);
    if (value === undefined) return null;
    if (!Array.isArray(value)) {
      this.log.add('invalid_type', this.at(key), `expected a list, got ${describeValue(value)}`);
      return undefined;
    }
    const items: readonly unknown[] = value;
    return items;
  }

  private missing(key: string): void {
    this.log.add('missing', this.at(key), `\`${key}\` is required`);
  }
}
