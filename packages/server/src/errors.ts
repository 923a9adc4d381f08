/**
 * The few error classes fairwatch raises for things a user can fix. Each carries a stable
 * code; `exitCodeFor` is the one place that maps a code to a CLI exit code (and, later, an
 * HTTP status). Anything else that escapes is a bug and is reported as one.
 */

export type ErrorCode =
  | 'usage' // a bad flag or argument
  | 'input' // a file that is missing, unreadable, empty or of an unknown format
  | 'column'; // a requested column that the file does not have

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

const EXIT_CODES: Record<ErrorCode, number> = { usage: 2, input: 2, column: 2 };

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code];
}
