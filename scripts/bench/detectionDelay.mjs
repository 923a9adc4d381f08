// Where the canary's detection delay goes, per seed (issue 3): the affected comparison (v2 s02
// against v2 s01) is traced at every evaluation after onset, and the delay to the first page is
// set beside the delays counterfactual rules would have had on the same trace:
// - labels: affected predictions still waiting for their outcome at the page;
// - e-BH: the first evaluation whose log E reaches log(m / alpha) for the m comparisons the
//   SLO evaluates, log(m_family / alpha) for those with enough samples to have evidence (the
//   family e-BH counts), and log(1 / alpha) (one comparison alone);
// - mixture: the first evaluation at which a fixed-sample z test of the whole-canary gap
//   against the band edge at level alpha / m would reject (what the anytime-valid mixture pays
//   for being watchable; this test is NOT valid under repeated looks, it is a yardstick);
// - reference noise: the first evaluation at which log E would reach log(m / alpha) were the
//   reference's rate known (0.10: its variance term dropped);
// - burn windows and the evaluation interval: from the first bad evaluation to the page.
// `node scripts/bench/detectionDelay.mjs [seeds...]` after `npm run build`; about 30 s a seed.
import console from 'node:console';
import process from 'node:process';
import { logMixtureEValue, normalQuantile } from '../../packages/core/dist/index.js';
import { runScenario } from './detectionQuality.mjs';

const HOUR = 3_600_000;
const BAND = 0.05;
const TRUE_REFERENCE_FPR = 0.1;
const AFFECTED = 'v2|segment=s02|segment=s01';

function traceSeed(seed) {
  const trace = [];
  let rho = NaN;
  const run = runScenario({
    scenario: 'canary-regression',
    durationMs: 8 * HOUR,
    seed,
    naiveWindows: [],
    onEvaluated: (service, now) => {
      const evaluator = service.evaluator;
      // The evaluator keeps these private in TypeScript; this diagnostic reads them.
      const states = [...evaluator.comparisons.values()].filter((s) => s.lastEvaluated === now);
      const slo = service.config.slos[0];
      rho = evaluator.rhos.get(slo.name) ?? NaN;
      const affected = states.find((s) => s.evidence.comparison.key.endsWith(AFFECTED));
      if (affected === undefined) return;
      const e = affected.evidence;
      trace.push({
        now,
        m: states.length,
        mFamily: states.filter((s) => s.evidence.sufficient).length,
        logE: e.change.logEValue,
        bad: affected.bad,
        g: e.groupValue,
        n1: e.groupTrials,
        c: e.comparedValue,
        n2: e.comparedTrials,
      });
    },
  });
  const alpha = 0.01;
  const affectedBy = (t) => run.affected.filter((ts) => ts <= t).length;
  const labelledBy = (t) => run.affectedLabelled.filter((ts) => ts <= t).length;
  const firstWhen = (test) => {
    const hit = trace.find(test);
    return hit === undefined ? null : affectedBy(hit.now);
  };
  const page = run.firings.find(
    (f) => f.severity === 'page' && f.version === 'v2' && f.group === 's02',
  );
  const zFixed = (t) => {
    if (t.g === null || t.c === null || t.n1 < 100 || t.n2 < 100) return -Infinity;
    const variance = (t.g * (1 - t.g)) / t.n1 + (t.c * (1 - t.c)) / t.n2;
    return (t.g - t.c - BAND) / Math.sqrt(variance);
  };
  const knownReferenceLogE = (t) => {
    if (t.g === null || t.n1 < 100) return -Infinity;
    const v = t.n1 / (t.g * (1 - t.g));
    return logMixtureEValue((t.g - TRUE_REFERENCE_FPR - BAND) * v, v, rho);
  };
  return {
    seed,
    page: page === undefined ? null : affectedBy(page.now),
    waitingForLabelAtPage: page === undefined ? null : affectedBy(page.now) - labelledBy(page.now),
    firstBad: firstWhen((t) => t.bad),
    logE_ge_log_m_over_alpha: firstWhen((t) => t.logE >= Math.log(t.m / alpha)),
    logE_ge_log_mFamily_over_alpha: firstWhen((t) => t.logE >= Math.log(t.mFamily / alpha)),
    logE_ge_log_1_over_alpha: firstWhen((t) => t.logE >= Math.log(1 / alpha)),
    fixedZ_at_alpha_over_m: firstWhen((t) => zFixed(t) >= normalQuantile(1 - alpha / t.m)),
    knownReference: firstWhen((t) => knownReferenceLogE(t) >= Math.log(t.m / alpha)),
    mAtPage: page === undefined ? null : trace.find((t) => t.now === page.now)?.m,
    mFamilyAtFirstBad: trace.find((t) => t.bad)?.mFamily ?? null,
    rho,
  };
}

const seeds = process.argv.slice(2).map(Number);
for (const seed of seeds.length > 0 ? seeds : [24046, 1, 2, 3, 4, 5]) {
  console.log(JSON.stringify(traceSeed(seed)));
}
