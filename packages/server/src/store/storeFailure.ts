import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';

/**
 * What a failed SQLite call means for a client: a StoreError (503, worth retrying) whose
 * message names the condition without the store's internals; the SQLite error stays as its
 * cause for the log. Anything that is not an SQLite error is returned as it is: it is a bug.
 */
export function storeFailure(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  return new StoreError(describe(error.code), { cause: error });
}

function describe(code: string): string {
  if (code.startsWith('SQLITE_FULL')) return 'the store is out of disk space; retry later';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'the store is busy; retry later';
  }
  return 'the store could not write the events; retry later';
}
