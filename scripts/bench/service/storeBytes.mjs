import { statSync } from 'node:fs';

/** Bytes the SQLite store takes on disk: the database file with its write-ahead log. */
export function storeBytes(store) {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(`${store}${suffix}`).size;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return bytes;
}
