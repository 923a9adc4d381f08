/**
 * Opening an input file for reading, with the one-line `InputError`s a user can act on:
 * a missing file, a directory, a file they may not read, an empty file.
 */

import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../../errors.js';

export interface OpenedInputFile {
  readonly handle: FileHandle;
  /** Size in bytes, never 0. */
  readonly size: number;
}

/** Opens `path` for reading; the caller closes the handle. */
export async function openInputFile(path: string): Promise<OpenedInputFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw inputFileError(path, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new InputError(`${path}: is a directory`);
    if (stats.size === 0) throw new InputError(`${path}: the file is empty`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error instanceof InputError ? error : inputFileError(path, error);
  }
}

/** Checks that `path` is a readable, non-empty file, without keeping it open. */
export async function checkInputFile(path: string): Promise<void> {
  const { handle } = await openInputFile(path);
  await handle.close();
}

/** The `InputError` for a failed open, stat or read of `path`. */
export function inputFileError(path: string, error: unknown): InputError {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError(`${path}: no such file`, { cause: error });
    case 'EISDIR':
      return new InputError(`${path}: is a directory`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${path}: permission denied`, { cause: error });
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new InputError(`${path}: cannot read the file (${detail})`, { cause: error });
    }
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
