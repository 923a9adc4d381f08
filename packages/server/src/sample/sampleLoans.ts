import { seededRandom } from './seededRandom.js';

/**
 * A synthetic loan-decision file with a known answer: the model under-scores applicants of
 * group B who go on to repay, so their true positive rate (equal opportunity) is lower than
 * everyone else's, while the other groups are treated alike. Group E is too small to compare,
 * and a few rows are malformed on purpose.
 */
export const SAMPLE_TRUTH =
  'group B: applicants who repay are scored 0.12 lower, so race=B has a lower TPR and selection rate; race=E has 12 rows (below the minimum); 3 rows are malformed';

const RACES: readonly (readonly [string, number])[] = [
  ['A', 0.55],
  ['B', 0.25],
  ['C', 0.12],
  ['D', 0.0794],
];

export function sampleLoansCsv(rows: number, seed = 7): string {
  const random = seededRandom(seed);
  const lines = ['applicant_id,race,sex,repaid,score'];
  const pick = (): string => {
    let u = random();
    for (const [race, share] of RACES) {
      if (u < share) return race;
      u -= share;
    }
    return 'A';
  };
  for (let i = 0; i < rows; i++) {
    const race = i % 1000 === 999 && i < 12_000 ? 'E' : pick();
    const sex = random() < 0.48 ? 'F' : 'M';
    const repaid = random() < 0.6 ? 1 : 0;
    // A noisy score centred on the outcome, shifted down for group B's repayers.
    let score = 0.5 + (repaid ? 0.17 : -0.17) + 0.22 * normal(random);
    if (race === 'B' && repaid) score -= 0.12;
    score = Math.min(1, Math.max(0, score));
    lines.push(`a${String(i).padStart(6, '0')},${race},${sex},${repaid},${score.toFixed(4)}`);
  }
  lines.splice(1001, 0, 'bad-1,A,F,unknown,0.5');
  lines.splice(5002, 0, 'bad-2,C,M,1,n/a');
  lines.splice(9003, 0, 'bad-3,B,F,1');
  return `${lines.join('\n')}\n`;
}

/** A standard normal draw by Box-Muller. */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
