// False pages and detection delay over the seeds of issue 3: canary-regression seeds 24046 and
// 1-5 (8 h each) and fair seeds 1-5 (1 day each), through the detection harness's in-process
// service. Prints one JSON line per run. `node scripts/bench/falsePageSeeds.mjs canary|fair`
// after `npm run build`; a canary seed takes about 30 s, a fair seed about 50 s.
import console from 'node:console';
import process from 'node:process';
import { runScenario } from './detectionQuality.mjs';

const HOUR = 3_600_000;
const isCanaryPage = (f) => f.version === 'v2' && f.group === 's02';
const label = (f) => `${f.version} ${f.group}`;

if (process.argv[2] === 'canary') {
  for (const seed of [24046, 1, 2, 3, 4, 5]) {
    const run = runScenario({
      scenario: 'canary-regression',
      durationMs: 8 * HOUR,
      seed,
      naiveWindows: [],
    });
    const first = run.firings.find((f) => f.severity === 'page' && isCanaryPage(f));
    const elsewhere = run.firings.filter((f) => !isCanaryPage(f));
    console.log(
      JSON.stringify({
        scenario: 'canary-regression',
        seed,
        affectedToPage: first ? run.affected.filter((ts) => ts <= first.now).length : null,
        minutesToPage: first ? (first.now - run.onset) / 60_000 : null,
        falsePages: elsewhere.filter((f) => f.severity === 'page').map(label),
        falseTickets: elsewhere.filter((f) => f.severity === 'ticket').map(label),
      }),
    );
  }
} else {
  for (const seed of [1, 2, 3, 4, 5]) {
    const run = runScenario({ scenario: 'fair', durationMs: 24 * HOUR, seed, naiveWindows: [] });
    console.log(
      JSON.stringify({
        scenario: 'fair',
        seed,
        pages: run.firings.filter((f) => f.severity === 'page').map(label),
        tickets: run.firings.filter((f) => f.severity === 'ticket').map(label),
      }),
    );
  }
}
