import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, writeParquet, type TempDir } from './sources/sourceTestKit.js';

// Worker threads load the built worker script, so this runs the built CLI (`npm test` builds).
const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = promisify(execFile);

let dir: TempDir;
let file: string;
beforeAll(async () => {
  dir = await makeTempDir();
  file = dir.file('shards.parquet');
  // 50,000 rows in row groups of 2,048, with a few bad labels spread over the shards.
  await writeParquet(
    file,
    `SELECT CASE WHEN i % 9973 = 5 THEN 'maybe' ELSE CAST((hash(i) % 2) AS VARCHAR) END AS label,
            (hash(i * 7) % 1000) / 1000.0 AS score,
            ['a', 'b', 'c'][1 + (i % 3)] AS g,
            CASE WHEN i % 2 = 0 THEN 'x' ELSE 'y' END AS h
     FROM range(50000) t(i)`,
    'ROW_GROUP_SIZE 2048',
  );
});
afterAll(async () => {
  await dir.remove();
});

interface Audit {
  rows: number;
  skipped_count: number;
  skipped: { row: number; reason: string }[];
  groups: {
    attribute: string;
    attributes: Record<string, string>;
    tp: number;
    fp: number;
    tn: number;
    fn: number;
  }[];
  overall: { metrics: { auc: { value: number } } };
}

async function audit(threads: number): Promise<Audit> {
  const { stdout } = await run(process.execPath, [
    CLI,
    'audit',
    file,
    ...[
      '--label',
      'label',
      '--score',
      'score',
      '--threshold',
      '0.5',
      '--group',
      'g,h',
      '--intersect',
    ],
    ...['--report', 'json', '--threads', String(threads)],
  ]);
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || !('groups' in parsed))
    throw new Error('no report');
  return parsed as Audit;
}

describe('auditing a Parquet file on several threads', () => {
  it('gives the same counts, skips and AUC as one reader', async () => {
    const [one, three] = await Promise.all([audit(1), audit(3)]);
    expect(one.rows).toBe(50_000 - 6);
    expect(three.rows).toBe(one.rows);
    expect(three.skipped_count).toBe(6);
    expect(three.skipped).toEqual(one.skipped);
    expect(three.skipped[0]).toEqual({
      row: 6,
      reason: "label 'maybe' is not binary (expected 1/true/yes or 0/false/no)",
    });
    const counts = (a: Audit): string[] =>
      a.groups
        .map(
          (g) => `${g.attribute} ${JSON.stringify(g.attributes)} ${g.tp} ${g.fp} ${g.tn} ${g.fn}`,
        )
        .sort();
    expect(counts(three)).toEqual(counts(one));
    expect(three.overall.metrics.auc.value).toBeCloseTo(one.overall.metrics.auc.value, 12);
  });
});

describe('auditing a CSV file on several threads', () => {
  async function auditCsv(
    path: string,
    threads: number,
  ): Promise<Audit & { skipped: { line: number; reason: string }[] }> {
    const { stdout } = await run(process.execPath, [
      CLI,
      'audit',
      path,
      ...['--label', 'y', '--score', 's', '--threshold', '0.5', '--group', 'g'],
      ...['--report', 'json', '--threads', String(threads)],
    ]);
    const parsed: unknown = JSON.parse(stdout);
    if (typeof parsed !== 'object' || parsed === null || !('groups' in parsed))
      throw new Error('no report');
    return parsed as Audit & { skipped: { line: number; reason: string }[] };
  }
  const counts = (a: Audit): string[] =>
    a.groups.map((g) => `${JSON.stringify(g.attributes)} ${g.tp} ${g.fp} ${g.tn} ${g.fn}`).sort();

  it('gives the same counts and the same skipped line numbers as one reader', async () => {
    const lines = ['y,s,g,note'];
    for (let i = 0; i < 40_000; i++) {
      const label = i % 7919 === 3 ? 'maybe' : String(i % 2);
      lines.push(
        `${label},${((i * 37) % 1000) / 1000},${'abc'[i % 3]},${i % 1000 === 0 ? '' : 'x'}`,
      );
      if (i % 10_000 === 5) lines.push('');
    }
    const path = dir.file('shards.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const [one, three] = await Promise.all([auditCsv(path, 1), auditCsv(path, 3)]);
    expect(one.skipped_count).toBe(6);
    expect(three.skipped).toEqual(one.skipped);
    expect(one.skipped[1]).toEqual({
      line: 7925,
      reason: "label 'maybe' is not binary (expected 1/true/yes or 0/false/no)",
    });
    expect(three.rows).toBe(one.rows);
    expect(counts(three)).toEqual(counts(one));
  });

  it('reads the file whole when a split point falls inside a quoted field', async () => {
    const half = Array.from({ length: 5_000 }, (_, i) => `${i % 2},0.${i % 10},a,x`);
    const note = `"${Array.from({ length: 20_000 }, () => 'a quoted line').join('\n')}"`;
    const path = dir.file('quoted-middle.csv');
    await writeFile(path, `y,s,g,note\n${half.join('\n')}\n1,0.9,b,${note}\n${half.join('\n')}\n`);
    const [one, two] = await Promise.all([auditCsv(path, 1), auditCsv(path, 2)]);
    expect(one.rows).toBe(10_001);
    expect(one.skipped_count).toBe(0);
    expect(two.rows).toBe(one.rows);
    expect(two.skipped_count).toBe(0);
    expect(counts(two)).toEqual(counts(one));
  });
});
