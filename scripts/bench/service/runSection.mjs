/**
 * The service section of `npm run bench` alone (needs `npm run build`):
 *
 *   node scripts/bench/service/runSection.mjs           the figures issue 3 asks for
 *   node scripts/bench/service/runSection.mjs --smoke   same code paths, small counts
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { serviceSection } from './serviceSection.mjs';

const args = process.argv.slice(2);
if (args.some((a) => a !== '--smoke')) {
  process.stderr.write('usage: runSection.mjs [--smoke]\n');
  process.exit(2);
}
const started = performance.now();
const log = (message) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
};
const benchDirectory = fileURLToPath(new URL('../../../.bench', import.meta.url));
process.stdout.write(
  await serviceSection({ smoke: args.includes('--smoke'), benchDirectory, log }),
);
