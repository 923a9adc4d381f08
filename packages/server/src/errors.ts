/**
 * The few error classes fairwatch raises for things a user can fix. Each carries a stable
 * code; `exitCodeFor` is the one place that maps a code to a CLI exit code (and, later, an
 * HTTP status). Anything else that escapes is a bug and is reported as one.
 */

export type ErrorCode =
  | 'usage' // a bad flag or argument
  | 'input' // a file that is missing, unreadable, empty or of an unknown format
  | 'column' // a requested column that the file does not have
  | 'config' // an invalid fairwatch.yaml
  | 'store' // a store that cannot be opened or was built by another schema
  | 'bad_request' // an HTTP request that cannot be read at all
  | 'not_found' // an HTTP route or resource that does not exist
  | 'too_large' // an HTTP body over the configured limit
  | 'unsupported_media'; // an HTTP body in a format the service does not read

export class FairwatchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FairwatchError';
    this.code = code;
  }
}

export class UsageError extends FairwatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
    this.name = 'UsageError';
  }
}

export class InputError extends FairwatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('input', message, options);
    this.name = 'InputError';
  }
}

export class MissingColumnError extends FairwatchError {
  constructor(column: string, found: readonly string[]) {
    super('column', `column '${column}' not found; the file has: ${found.join(', ')}`);
    this.name = 'MissingColumnError';
  }
}

export class StoreError extends FairwatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store', message, options);
    this.name = 'StoreError';
  }
}

/** A request the HTTP API refuses as a whole, with the error code that picks its status. */
export class RequestError extends FairwatchError {
  constructor(
    code: 'bad_request' | 'not_found' | 'too_large' | 'unsupported_media',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'RequestError';
  }
}

const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  input: 2,
  column: 2,
  config: 2,
  store: 2,
  bad_request: 2,
  not_found: 2,
  too_large: 2,
  unsupported_media: 2,
};

const HTTP_STATUSES: Record<ErrorCode, number> = {
  usage: 400,
  input: 400,
  column: 400,
  config: 500,
  store: 503,
  bad_request: 400,
  not_found: 404,
  too_large: 413,
  unsupported_media: 415,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code];
}

export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUSES[code];
}
