/**
 * Decoders for the JSON the API sends. The browser is a boundary like any other: a response is
 * checked field by field before the views trust its types, and a mismatch names the path.
 */
export type Decoder<T> = (value: unknown, path: string) => T;

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

function fail(path: string, expected: string): never {
  throw new DecodeError(`${path || 'response'} should be ${expected}`);
}

export const string: Decoder<string> = (value, path) =>
  typeof value === 'string' ? value : fail(path, 'a string');

export const number: Decoder<number> = (value, path) =>
  typeof value === 'number' ? value : fail(path, 'a number');

export const boolean: Decoder<boolean> = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'true or false');

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null || value === undefined ? null : decode(value, path));
}

/** A field that older servers do not send yet: absent reads as the fallback. */
export function optional<T>(decode: Decoder<T>, fallback: T): Decoder<T> {
  return (value, path) => (value === undefined ? fallback : decode(value, path));
}

export function array<T>(decode: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'an array');
    return value.map((item, index) => decode(item, `${path}[${String(index)}]`));
  };
}

export function record<T>(decode: Decoder<T>): Decoder<Record<string, T>> {
  return (value, path) => {
    const source = objectOf(value, path);
    const out: Record<string, T> = {};
    for (const [key, item] of Object.entries(source)) out[key] = decode(item, `${path}.${key}`);
    return out;
  };
}

type Shape = Record<string, Decoder<unknown>>;
type Decoded<S extends Shape> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

/** An object with these fields (others are ignored). */
export function object<S extends Shape>(shape: S): Decoder<Decoded<S>> {
  return (value, path) => {
    const source = objectOf(value, path);
    const out: Record<string, unknown> = {};
    for (const [key, decode] of Object.entries(shape)) {
      out[key] = decode(source[key], path ? `${path}.${key}` : key);
    }
    return out as Decoded<S>;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Decoder<T> {
  return (value, path) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? (value as T)
      : fail(path, `one of ${values.join(', ')}`);
}

export const interval: Decoder<[number, number]> = (value, path) => {
  const [low, high] = array(number)(value, path);
  if (low === undefined || high === undefined) return fail(path, '[low, high]');
  return [low, high];
};

function objectOf(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'an object');
  return value as Record<string, unknown>;
}
