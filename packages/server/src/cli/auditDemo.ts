import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../audit/runAudit.js';
import { textReport } from '../report/textReport.js';
import { SAMPLE_TRUTH, sampleLoansCsv } from '../sample/sampleLoans.js';
import type { CliIo } from './cliIo.js';

/**
 * `fairwatch demo --audit`: writes a synthetic loan-decision file with a known disparity and
 * audits it, printing the report.
 */
export async function auditDemo(io: CliIo): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'fairwatch-demo-'));
  const file = join(dir, 'loans.csv');
  await writeFile(file, sampleLoansCsv(20_000));
  io.stdout(
    `Sample data: ${file}\nWhat was injected: ${SAMPLE_TRUTH}\n` +
      `The same audit by hand: fairwatch audit ${file} --label repaid --score score --threshold 0.5 --group race,sex --intersect\n\n`,
  );
  const report = await runAudit({
    file,
    inputFormat: 'csv',
    label: 'repaid',
    prediction: undefined,
    score: 'score',
    threshold: 0.5,
    positive: [],
    groups: ['race', 'sex'],
    intersect: true,
    references: {},
    weight: undefined,
    minSamples: 30,
    confidence: 0.95,
    threads: undefined,
  });
  io.stdout(textReport(report));
  return 0;
}
