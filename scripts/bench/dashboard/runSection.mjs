/**
 * The dashboard section of `npm run bench` alone (needs `npm run build`, and Debian's chromium
 * for the view times):
 *
 *   node scripts/bench/dashboard/runSection.mjs           100 cohorts x 7 days of minute buckets
 *   node scripts/bench/dashboard/runSection.mjs --smoke   same code paths, 6 hours
 */
import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { dashboardReport } from './dashboardReport.mjs';
import { dashboardSection } from './dashboardSection.mjs';

const args = process.argv.slice(2);
if (args.some((a) => a !== '--smoke')) {
  process.stderr.write('usage: runSection.mjs [--smoke]\n');
  process.exit(2);
}
const smoke = args.includes('--smoke');
const started = performance.now();
const log = (message) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
};
const benchDirectory = fileURLToPath(new URL('../../../.bench', import.meta.url));
mkdirSync(benchDirectory, { recursive: true });
const figures = await dashboardSection({ smoke, benchDirectory, log });
process.stdout.write(dashboardReport(figures, smoke));
