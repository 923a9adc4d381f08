import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { formatFromExtension, openTableSource } from '../../../src/audit/sources/openSource.js';
import { makeTempDir, type TempDir, writeParquet } from './sourceTestKit.js';

let dir: TempDir;

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await dir.remove();
});

const JSONL = '{"group":"a","score":0.5}\n';

describe('formatFromExtension', () => {
  it.each([
    ['data.csv', 'csv'],
    ['data.jsonl', 'jsonl'],
    ['data.ndjson', 'jsonl'],
    ['data.json', 'jsonl'],
    ['data.parquet', 'parquet'],
    ['data.pq', 'parquet'],
    ['DATA.PARQUET', 'parquet'],
    ['dir.v2/data.JsonL', 'jsonl'],
  ])('reads %s as %s', (path, format) => {
    expect(formatFromExtension(path)).toBe(format);
  });

  it('rejects an unknown extension, naming it and the flag to use', () => {
    expect(() => formatFromExtension('in/data.xyz')).toThrow(
      new InputError(
        "in/data.xyz: unknown input format '.xyz'; use --input-format csv|jsonl|parquet",
      ),
    );
  });

  it('rejects a name without an extension', () => {
    expect(() => formatFromExtension('in/data')).toThrow(
      new InputError(
        'in/data: unknown input format (no extension); use --input-format csv|jsonl|parquet',
      ),
    );
  });
});

describe('openTableSource', () => {
  it('opens a .jsonl file as JSON Lines', async () => {
    const path = dir.file('rows.jsonl');
    await writeFile(path, JSONL);
    const source = await openTableSource(path, undefined);
    try {
      expect(source.columns).toEqual(['group', 'score']);
      expect(source.positionName).toBe('line');
    } finally {
      await source.close();
    }
  });

  it('opens a .pq file as Parquet', async () => {
    const path = dir.file('rows.pq');
    await writeParquet(path, `SELECT 'a' AS grp, 0.5 AS score`);
    const source = await openTableSource(path, undefined);
    try {
      expect(source.columns).toEqual(['grp', 'score']);
      expect(source.positionName).toBe('row');
    } finally {
      await source.close();
    }
  });

  it('lets the named format override the extension', async () => {
    const path = dir.file('rows.txt');
    await writeFile(path, JSONL);
    const source = await openTableSource(path, 'jsonl');
    try {
      expect(source.columns).toEqual(['group', 'score']);
    } finally {
      await source.close();
    }
  });

  it('passes expected columns on to the JSONL reader', async () => {
    const path = dir.file('rows.ndjson');
    await writeFile(path, JSONL);
    const source = await openTableSource(path, undefined, { expectedColumns: ['weight'] });
    try {
      expect(source.columns).toEqual(['group', 'score', 'weight']);
    } finally {
      await source.close();
    }
  });

  it('reports a JSONL file named as Parquet as not Parquet', async () => {
    const path = dir.file('rows.jsonl');
    await writeFile(path, JSONL);
    await expect(openTableSource(path, 'parquet')).rejects.toThrow(
      `${path}: not a Parquet file (file invalid (footer != PAR1))`,
    );
  });

  it('rejects an unknown extension when no format is named', async () => {
    const path = dir.file('rows.xyz');
    await writeFile(path, JSONL);
    await expect(openTableSource(path, undefined)).rejects.toThrow(
      new InputError(`${path}: unknown input format '.xyz'; use --input-format csv|jsonl|parquet`),
    );
  });

  it('rejects a missing file', async () => {
    const path = dir.file('absent.jsonl');
    await expect(openTableSource(path, undefined)).rejects.toThrow(
      new InputError(`${path}: no such file`),
    );
  });

  it('rejects a path under a file as missing', async () => {
    const path = dir.file('rows.jsonl');
    await writeFile(path, JSONL);
    await expect(openTableSource(`${path}/inner.jsonl`, undefined)).rejects.toThrow(
      new InputError(`${path}/inner.jsonl: no such file`),
    );
  });

  it('rejects a directory', async () => {
    const path = dir.file('folder.parquet');
    await mkdir(path);
    await expect(openTableSource(path, undefined)).rejects.toThrow(
      new InputError(`${path}: is a directory`),
    );
  });

  it('rejects an empty file', async () => {
    const path = dir.file('empty.parquet');
    await writeFile(path, '');
    await expect(openTableSource(path, undefined)).rejects.toThrow(
      new InputError(`${path}: the file is empty`),
    );
  });

  it.skipIf(process.getuid?.() === 0)('rejects a file it may not read', async () => {
    const path = dir.file('secret.jsonl');
    await writeFile(path, JSONL);
    await chmod(path, 0o000);
    await expect(openTableSource(path, undefined)).rejects.toThrow(
      new InputError(`${path}: permission denied`),
    );
  });

  it('keeps the system error as the cause', async () => {
    const path = dir.file('absent.jsonl');
    const error: unknown = await openTableSource(path, undefined).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).cause).toMatchObject({ code: 'ENOENT' });
  });
});
