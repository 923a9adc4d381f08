import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditOptions } from '../../src/audit/auditOptions.js';
import type { AuditReport } from '../../src/audit/auditReport.js';
import { runAudit } from '../../src/audit/runAudit.js';

/** A group name that breaks HTML unless escaped. */
export const HOSTILE_GROUP = '<b>&"x"';

/**
 * A small audit with every case the HTML report must show: group a decides positive exactly
 * when the label is (selection 0.5), group b never decides positive (selection 0: a
 * significant difference), group c has no positive labels (TPR undefined), and the hostile
 * group has 5 rows (insufficient). Scores are probabilities, deciles (0..10) or absent.
 */
export async function auditFixture(
  scores: 'probabilities' | 'deciles' | 'none',
): Promise<AuditReport> {
  const rows: string[] = [];
  const add = (group: string, label: number, score: number): void => {
    const scaled = scores === 'deciles' ? Math.round(score * 10) : score;
    rows.push(`${label},${scaled},${score >= 0.5 ? 1 : 0},${csvField(group)}`);
  };
  for (let i = 0; i < 40; i++) add('a', i % 2, i % 2 === 1 ? 0.8 : 0.3);
  for (let i = 0; i < 40; i++) add('b', i % 2, 0.1 + (i % 4) * 0.05);
  for (let i = 0; i < 35; i++) add('c', 0, i < 10 ? 0.7 : 0.2);
  for (let i = 0; i < 5; i++) add(HOSTILE_GROUP, i % 2, 0.6);
  const dir = await mkdtemp(join(tmpdir(), 'fairwatch-report-'));
  const file = join(dir, 'decisions.csv');
  await writeFile(file, ['y,s,d,g', ...rows, 'maybe,0.5,1,a'].join('\n') + '\n');
  const options: AuditOptions = {
    file,
    inputFormat: undefined,
    label: 'y',
    prediction: scores === 'none' ? 'd' : undefined,
    score: scores === 'none' ? undefined : 's',
    threshold: scores === 'none' ? undefined : scores === 'deciles' ? 5 : 0.5,
    positive: [],
    groups: ['g'],
    intersect: false,
    references: { g: 'a' },
    weight: undefined,
    minSamples: 30,
    confidence: 0.95,
    threads: 1,
  };
  try {
    return await runAudit(options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
