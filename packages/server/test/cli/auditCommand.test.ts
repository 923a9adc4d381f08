import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/auditReport.js';
import { sampleLoansCsv } from '../../src/sample/sampleLoans.js';
import { cli, tempFiles } from './cliHarness.js';

let files: Awaited<ReturnType<typeof tempFiles>>;
let loans: string;
beforeAll(async () => {
  files = await tempFiles();
  loans = await files.write('loans.csv', sampleLoansCsv(20_000));
});
afterAll(async () => {
  await files.remove();
});

const AUDIT = [
  '--label',
  'repaid',
  '--score',
  'score',
  '--threshold',
  '0.5',
  '--group',
  'race,sex',
];

function parseReport(text: string): AuditReport {
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('disparities' in parsed) ||
    !('groups' in parsed)
  ) {
    throw new Error('not an audit report');
  }
  return parsed as AuditReport;
}

describe('fairwatch audit', () => {
  it('finds the injected disparity and not the absent one', async () => {
    const result = await cli('audit', loans, ...AUDIT, '--report', 'json');
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.rows).toBe(20_000);
    const tprB = report.disparities.find(
      (d) => d.metric === 'tpr' && d.kind === 'reference_difference' && d.group.race === 'B',
    );
    expect(tprB?.reference).toEqual({ race: 'A' });
    expect(tprB?.value).toBeLessThan(-0.1);
    expect(tprB?.q_value).toBeLessThan(0.001);
    const tprC = report.disparities.find(
      (d) => d.metric === 'tpr' && d.kind === 'reference_difference' && d.group.race === 'C',
    );
    expect(tprC?.q_value).toBeGreaterThan(0.05);
    const sex = report.disparities.find(
      (d) => d.metric === 'fpr' && d.attribute === 'sex' && d.kind === 'reference_difference',
    );
    expect(sex?.q_value).toBeGreaterThan(0.05);
  });

  it('reports the rows it skipped with their line numbers and reasons', async () => {
    const result = await cli('audit', loans, ...AUDIT, '--report', 'json');
    const report = parseReport(result.stdout);
    expect(report.skipped_count).toBe(3);
    expect(report.skipped_by_reason).toEqual({ label_invalid: 1, score_invalid: 1, unreadable: 1 });
    expect(report.skipped).toEqual([
      { line: 1002, reason: "label 'unknown' is not binary (expected 1/true/yes or 0/false/no)" },
      { line: 5003, reason: "score 'n/a' is not a number" },
      { line: 9004, reason: 'has 4 fields, the header has 5' },
    ]);
  });

  it('lists an under-sized group but leaves it out of comparisons', async () => {
    const report = parseReport((await cli('audit', loans, ...AUDIT, '--report', 'json')).stdout);
    const e = report.groups.find((g) => g.attributes.race === 'E');
    expect(e?.n).toBe(12);
    expect(e?.insufficient).toBe(true);
    expect(
      report.disparities.some(
        (d) => d.group.race === 'E' || (d.reference !== 'overall' && d.reference.race === 'E'),
      ),
    ).toBe(false);
    expect(report.excluded).toContainEqual({
      attribute: 'race',
      group: { race: 'E' },
      metric: null,
      reason: 'fewer rows than the minimum sample size',
    });
  });

  it('uses the chosen reference group', async () => {
    const report = parseReport(
      (await cli('audit', loans, ...AUDIT, '--reference', 'race=C', '--report', 'json')).stdout,
    );
    expect(report.references.race).toEqual({ race: 'C' });
  });

  it('audits intersections when asked', async () => {
    const report = parseReport(
      (await cli('audit', loans, ...AUDIT, '--intersect', '--report', 'json')).stdout,
    );
    expect(Object.keys(report.summary)).toEqual(['race', 'sex', 'race&sex']);
    expect(report.groups.filter((g) => g.attribute === 'race&sex').length).toBe(10);
  });

  it('leads the markdown report with the significant disparities', async () => {
    const result = await cli('audit', loans, ...AUDIT, '--report', 'markdown');
    expect(result.code).toBe(0);
    const headings = result.stdout.split('\n').filter((l) => l.startsWith('## '));
    expect(headings[0]).toMatch(/^## Significant disparities/);
    expect(headings[1]).toBe('## Per-group metrics');
    expect(result.stdout).toMatch(/\| race \| tpr \| reference \| race=B \| race=A \| -0\.1/);
  });

  it('writes the report to --output', async () => {
    const out = files.path('report.html');
    const result = await cli('audit', loans, ...AUDIT, '--report', 'html', '--output', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('reads decisions from a prediction column with a custom positive value', async () => {
    const path = await files.write(
      'labels.csv',
      'y,d,g\n>50K,yes,a\n<=50K,no,a\n<=50K.,yes,b\n>50K,no,b\n',
    );
    const result = await cli(
      'audit',
      path,
      '--label',
      'y',
      '--prediction',
      'd',
      '--positive',
      '>50K',
      '--positive',
      'yes',
      '--group',
      'g',
      '--min-samples',
      '0',
      '--report',
      'json',
    );
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.groups.map((g) => [g.attributes.g, g.tp, g.fp, g.tn, g.fn])).toEqual([
      ['a', 1, 0, 1, 0],
      ['b', 0, 1, 0, 1],
    ]);
  });
});

describe('fairwatch audit with bad input', () => {
  it('names a missing column and lists the columns found', async () => {
    const result = await cli(
      'audit',
      loans,
      '--label',
      'outcome',
      '--score',
      'score',
      '--threshold',
      '0.5',
      '--group',
      'race',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "fairwatch audit: column 'outcome' not found; the file has: applicant_id, race, sex, repaid, score\n",
    );
  });

  it('rejects an empty file in one line', async () => {
    const path = await files.write('empty.csv', '');
    const result = await cli('audit', path, ...AUDIT);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`fairwatch audit: ${path}: the file is empty\n`);
  });

  it('rejects a file with a header and no rows', async () => {
    const path = await files.write('header-only.csv', 'applicant_id,race,sex,repaid,score\n');
    const result = await cli('audit', path, ...AUDIT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to audit: it has no data rows/);
  });

  it('rejects an unknown format and a missing file', async () => {
    const unknown = await files.write('data.xlsx', 'x');
    expect((await cli('audit', unknown, ...AUDIT)).stderr).toMatch(
      /unknown input format '\.xlsx'; use --input-format csv\|jsonl\|parquet\n$/,
    );
    const missing = await cli('audit', files.path('nope.csv'), ...AUDIT);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file\n$/);
  });

  it.each([
    [['--group', 'race', '--score', 's', '--threshold', '0.5'], '--label COL is required'],
    [['--label', 'y', '--score', 's', '--threshold', '0.5'], '--group COL[,COL...] is required'],
    [['--label', 'y', '--group', 'g', '--score', 's'], '--score needs --threshold'],
    [
      ['--label', 'y', '--group', 'g', '--score', 's', '--threshold', 'high'],
      "--threshold must be a number, got 'high'",
    ],
    [
      ['--label', 'y', '--group', 'g', '--prediction', 'p', '--confidence', '95'],
      '--confidence must be between 0 and 1',
    ],
    [
      ['--label', 'y', '--group', 'g', '--prediction', 'p', '--report', 'pdf'],
      '--report must be one of text, markdown, json, html',
    ],
    [
      ['--label', 'y', '--group', 'g', '--prediction', 'p', '--reference', 'race=A'],
      "'race' is not one of the --group columns",
    ],
    [['--label', 'y', '--group', 'g', '--prediction', 'p', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects bad usage %j with exit 2', async (args, message) => {
    const result = await cli('audit', loans, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('rejects a reference value that no row has, listing the values', async () => {
    const result = await cli('audit', loans, ...AUDIT, '--reference', 'race=Z');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'fairwatch audit: --reference race=Z: no such value; race has: A, B, C, D, E\n',
    );
  });

  it('says so when every row is skipped', async () => {
    const path = await files.write('all-bad.csv', 'y,s,g\nmaybe,0.5,a\n1,x,a\n');
    const result = await cli(
      'audit',
      path,
      '--label',
      'y',
      '--score',
      's',
      '--threshold',
      '0.5',
      '--group',
      'g',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /nothing to audit: all 2 rows were skipped, e.g. line 2: label 'maybe' is not binary/,
    );
  });
});

describe('fairwatch', () => {
  it('prints help and rejects unknown commands', async () => {
    expect((await cli('--help')).stdout).toMatch(/Commands\n {2}audit <file>/);
    expect((await cli('audit', '--help')).stdout).toMatch(/^Usage: fairwatch audit <file>/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "fairwatch: unknown command 'frobnicate'; commands: audit, serve, simulate, demo, help\n",
    );
  });
});

describe('fairwatch audit on JSONL', () => {
  it('audits NDJSON rows and rejects a group key that no row has', async () => {
    const files = await tempFiles();
    try {
      const rows = Array.from({ length: 100 }, (_, i) =>
        JSON.stringify({ y: i % 2, p: (i * 7) % 100 < 50 ? 1 : 0, g: i % 3 === 0 ? 'a' : 'b' }),
      );
      const path = await files.write('rows.jsonl', `${rows.join('\n')}\n`);
      const ok = await cli(
        'audit',
        path,
        '--label',
        'y',
        '--prediction',
        'p',
        '--group',
        'g',
        '--report',
        'json',
      );
      expect(ok.code).toBe(0);
      const parsed: unknown = JSON.parse(ok.stdout);
      expect(parsed).toMatchObject({ rows: 100, skipped_count: 0 });
      const typo = await cli('audit', path, '--label', 'y', '--prediction', 'p', '--group', 'gg');
      expect(typo.code).toBe(2);
      expect(typo.stderr).toBe(
        `fairwatch audit: ${path}: group column 'gg' has no value in any row\n`,
      );
    } finally {
      await files.remove();
    }
  });
});
