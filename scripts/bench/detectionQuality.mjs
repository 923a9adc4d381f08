// Detection quality of the SLO alerting, by simulation: each scenario is fed in-process to a
// service on the event-time clock (the same code path as HTTP ingest, minus the socket), and
// every alert transition is recorded. Beside fairwatch's rule, two naive rules are scored on
// the same statistics for comparison: "|gap| > band" and "the 95% Newcombe interval of the gap
// lies outside the band", each on a sliding window, as the issue describes them.
import console from 'node:console';
import process from 'node:process';
import { validateConfig } from '../../packages/contracts/dist/index.js';
import { newcombeDifferenceInterval } from '../../packages/core/dist/index.js';
import { medianAndRange } from './medianAndRange.mjs';
import { MonitorService } from '../../packages/server/dist/service/monitorService.js';
import { simulatedEvents, onsetOf } from '../../packages/server/dist/simulate/index.js';
import { CELL_FIELDS, FP, TN } from '../../packages/server/dist/windows/cellCounts.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BAND = 0.05;
/** Seeds of the canary-regression runs: five in the full run, three (about a minute) in smoke. */
export const CANARY_SEEDS = [1, 2, 3, 4, 5];
export const SMOKE_CANARY_SEEDS = [1, 2, 3];
/** Further seeds of fair traffic in the full run (seed 1 runs 7 days), and their length. */
export const FAIR_EXTRA_SEEDS = [2, 3, 4, 5];
export const FAIR_EXTRA_DAYS = 1;

export function detectionConfig() {
  const result = validateConfig({
    server: { store: ':memory:', evaluation_interval: '30s' },
    models: [
      {
        name: 'loans',
        threshold: 0.5,
        attributes: ['segment', 'sex'],
        references: { segment: 's01' },
        min_samples: 30,
      },
    ],
    slos: [
      {
        name: 'loans-fpr-parity',
        model: 'loans',
        attribute: 'segment',
        metric: 'fpr',
        kind: 'difference',
        compare: 'reference',
        band: [-BAND, BAND],
        window: '2h',
        min_samples: 100,
        objective: 0.999,
        period: '28d',
        false_alarm_rate: 0.01,
        alerts: [
          { severity: 'page', long_window: '1h', short_window: '5m', burn_rate: 14.4 },
          { severity: 'ticket', long_window: '6h', short_window: '30m', burn_rate: 6 },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

/** Runs one scenario and returns the alert episodes and naive-rule episodes it produced. */
export function runScenario({
  scenario,
  durationMs,
  seed = 1,
  naiveWindows = [HOUR, 15 * 60_000],
  onEvaluated = null,
}) {
  const config = detectionConfig();
  const firings = [];
  const service = new MonitorService(config, {
    clock: 'event',
    timers: false,
    onEvaluated: (now, transitions) => {
      for (const t of transitions) {
        if (t.to !== 'firing') continue;
        const record = service.evaluator.record(t.fingerprint);
        const c = record?.evidence.comparison;
        firings.push({
          now,
          severity: record?.severity,
          version: c?.version,
          group: c?.group.segment,
        });
      }
      naive.evaluate(now);
      onEvaluated?.(service, now);
    },
  });
  const naive = new NaiveRules(service, naiveWindows);
  service.start();
  const startMs = Date.UTC(2026, 0, 5);
  const options = { scenario, seed, ratePerSecond: 10, startMs, durationMs };
  const onset = onsetOf(options);
  const affected = { total: 0, afterOnset: [], labelled: [] };
  const affectedIndices = new Set();
  let batch = { prediction: [], outcome: [], deployment: [] };
  let predictions = 0;
  const flush = (kind) => {
    if (batch[kind].length === 0) return;
    const plural =
      kind === 'prediction' ? 'predictions' : kind === 'outcome' ? 'outcomes' : 'deployments';
    service.ingest(plural, batch[kind]);
    batch[kind] = [];
  };
  for (const event of simulatedEvents(options)) {
    if (event.kind === 'prediction') {
      predictions++;
      const b = event.body;
      if (
        b.ts >= onset &&
        b.groups.segment === incidentSegment(scenario) &&
        (scenario !== 'canary-regression' || b.version === 'v2')
      ) {
        affected.afterOnset.push(b.ts);
        affectedIndices.add(event.index);
      }
    }
    if (event.kind === 'outcome' && affectedIndices.has(event.index)) {
      affected.labelled.push(event.body.ts);
    }
    if (event.kind !== 'prediction') flush('prediction');
    batch[event.kind].push({ value: event.body });
    if (batch[event.kind].length >= 1000) flush(event.kind);
  }
  flush('prediction');
  flush('outcome');
  flush('deployment');
  void service.close();
  return {
    seed,
    onset,
    firings,
    naive: naive.episodes(),
    predictions,
    affected: affected.afterOnset,
    affectedLabelled: affected.labelled,
  };
}

function incidentSegment(scenario) {
  return (
    { 'canary-regression': 's02', 'vendor-drift': 's03', 'small-cohort': 's20' }[scenario] ?? null
  );
}

/**
 * The naive rules on the service's minute buckets: per version, each segment's FPR against
 * s01's over a sliding window; an episode is a run of consecutive evaluations in breach.
 */
class NaiveRules {
  constructor(service, windows) {
    this.service = service;
    this.rules = [];
    for (const windowMs of windows) {
      this.rules.push({
        name: `|gap| > ${BAND}, ${windowMs / 60_000}m window`,
        windowMs,
        test: (g) => Math.abs(g.gap) > BAND,
      });
      this.rules.push({
        name: `95% interval outside band, ${windowMs / 60_000}m window`,
        windowMs,
        test: (g) => g.ci !== null && (g.ci[0] > BAND || g.ci[1] < -BAND),
      });
    }
    this.state = new Map();
    this.list = [];
  }

  evaluate(now) {
    const model = this.service.statistics.model('loans');
    const cells = model.cells.cellValues();
    const segmentOf = cells.map((values) => values[0]);
    for (const version of model.versions.values()) {
      const tier = version.tiers[0];
      for (const rule of this.rules) {
        const end = tier.startOf(now) + tier.widthMs;
        const sums = tier.sum(end - rule.windowMs, end, cells.length);
        const bySegment = new Map();
        segmentOf.forEach((segment, cell) => {
          const fp = sums[cell * CELL_FIELDS + FP];
          const tn = sums[cell * CELL_FIELDS + TN];
          const entry = bySegment.get(segment) ?? { fp: 0, n: 0 };
          entry.fp += fp;
          entry.n += fp + tn;
          bySegment.set(segment, entry);
        });
        const ref = bySegment.get('s01');
        for (const [segment, entry] of bySegment) {
          if (segment === 's01' || ref === undefined || entry.n < 30 || ref.n < 30) continue;
          const gap = entry.fp / entry.n - ref.fp / ref.n;
          const ci = newcombeDifferenceInterval(entry.fp, entry.n, ref.fp, ref.n, 0.95);
          const key = `${rule.name}|${version.version}|${segment}`;
          const breached = rule.test({ gap, ci });
          const was = this.state.get(key) ?? false;
          if (breached && !was)
            this.list.push({ rule: rule.name, now, version: version.version, group: segment });
          this.state.set(key, breached);
        }
      }
    }
  }

  episodes() {
    return this.list;
  }
}

export function detectionFigures({ smoke }) {
  const rows = [];
  const fairDays = smoke ? 0.25 : 7;
  const fair = runScenario({ scenario: 'fair', durationMs: fairDays * DAY });
  const fairPages = fair.firings.filter((f) => f.severity === 'page').length;
  const fairTickets = fair.firings.filter((f) => f.severity === 'ticket').length;
  rows.push({
    scenario: `fair, 19 comparisons, ${fairDays} days`,
    figure: `${fairPages} pages, ${fairTickets} tickets`,
    target: '0 alerts',
    met: fairPages + fairTickets === 0 ? 'met' : 'NOT met',
  });
  if (!smoke) {
    // More seeds of fair traffic, shorter each: false pages are rare events, and one 7-day
    // stream is one draw of them.
    const extra = FAIR_EXTRA_SEEDS.map((seed) =>
      runScenario({ scenario: 'fair', durationMs: FAIR_EXTRA_DAYS * DAY, seed }),
    );
    const pages = extra.map((run) => run.firings.filter((f) => f.severity === 'page').length);
    const tickets = extra.map((run) => run.firings.filter((f) => f.severity === 'ticket').length);
    const sum = (values) => values.reduce((total, v) => total + v, 0);
    rows.push({
      scenario: `fair, seeds ${FAIR_EXTRA_SEEDS.join(', ')}, ${FAIR_EXTRA_DAYS} day each`,
      figure: `${sum(pages)} pages, ${sum(tickets)} tickets (pages per seed: ${pages.join(', ')})`,
      target: '0 alerts',
      met: sum(pages) + sum(tickets) === 0 ? 'met' : 'NOT met',
    });
  }
  for (const [rule, count] of countBy(fair.naive, (e) => e.rule)) {
    rows.push({
      scenario: `fair: naive rule "${rule}"`,
      figure: `${count} episodes`,
      target: 'for comparison',
      met: '',
    });
  }

  // The canary figure from several seeds: one seed's delay is one draw (seed 1 gave 2,252 in
  // the 8-hour run and 2,793 in the 4-hour one). The naive rules are scored on the first seed.
  const canaryHours = smoke ? 4 : 8;
  const seeds = smoke ? SMOKE_CANARY_SEEDS : CANARY_SEEDS;
  const canaries = seeds.map((seed) =>
    canaryOutcome(
      runScenario({ scenario: 'canary-regression', durationMs: canaryHours * HOUR, seed }),
    ),
  );
  const canary = canaries[0];
  const delays = canaries.flatMap((c) => (c.affectedToPage === null ? [] : [c.affectedToPage]));
  const paged = delays.length;
  const delay = paged > 0 ? medianAndRange(delays) : null;
  const count = (n) => n.toLocaleString('en-US');
  rows.push({
    scenario: `canary-regression: page on v2 segment=s02, ${seeds.length} seeds (${canaryHours} h each)`,
    figure:
      delay === null
        ? `no page in ${seeds.length} seeds`
        : `median ${count(delay.median)} affected predictions after onset (min ${count(delay.min)}, max ${count(delay.max)}); ${paged} of ${seeds.length} seeds paged`,
    target: '<= 2,500 (median), every seed pages',
    met: delay !== null && paged === seeds.length && delay.median <= 2500 ? 'met' : 'NOT met',
  });
  rows.push({
    scenario: 'canary-regression: per seed',
    figure: canaries
      .map(
        (c) =>
          `seed ${c.seed}: ${c.affectedToPage === null ? 'no page' : `${count(c.affectedToPage)} (${c.minutesToPage} min)`}`,
      )
      .join('; '),
    target: 'for reading',
    met: '',
  });
  const wrong = canaries.reduce((total, c) => total + c.wrong, 0);
  rows.push({
    scenario: `canary-regression: alerts elsewhere, ${seeds.length} seeds`,
    figure: `${wrong}`,
    target: '0',
    met: wrong === 0 ? 'met' : 'NOT met',
  });
  for (const rule of new Set(canary.run.naive.map((e) => e.rule))) {
    const hit = canary.run.naive.find(
      (e) =>
        e.rule === rule && e.version === 'v2' && e.group === 's02' && e.now >= canary.run.onset,
    );
    rows.push({
      scenario: `canary (seed ${canary.seed}): naive "${rule}"`,
      figure:
        hit === undefined ? 'no detection' : `${canary.affectedBy(hit.now)} affected predictions`,
      target: 'for comparison',
      met: '',
    });
  }
  if (!smoke) {
    for (const scenario of ['vendor-drift', 'small-cohort', 'label-lag']) {
      const run = runScenario({
        scenario,
        durationMs: scenario === 'label-lag' ? 3 * DAY : 8 * HOUR,
      });
      const pages = run.firings.filter((f) => f.severity === 'page');
      const first = pages[0];
      rows.push({
        scenario: `${scenario}: pages`,
        figure:
          pages.length === 0
            ? 'none'
            : `${pages.length}; first on ${first.version} ${first.group}, ${((first.now - run.onset) / 60_000).toFixed(0)} min after onset`,
        target:
          scenario === 'vendor-drift'
            ? 'a page on s03'
            : scenario === 'small-cohort'
              ? 'none below min samples'
              : 'none',
        met: '',
      });
    }
  }
  return rows;
}

/**
 * What a canary-regression run says about detection: how many of the affected cohort's
 * predictions (v2, segment s02) arrived after onset up to the first page on v2 s02 (null when
 * none), and how many alerts fired on anything else.
 */
function canaryOutcome(run) {
  const firstPage = run.firings.find(
    (f) => f.severity === 'page' && f.version === 'v2' && f.group === 's02',
  );
  const affectedBy = (t) => run.affected.filter((ts) => ts <= t).length;
  return {
    seed: run.seed,
    run,
    affectedBy,
    affectedToPage: firstPage === undefined ? null : affectedBy(firstPage.now),
    minutesToPage:
      firstPage === undefined ? null : ((firstPage.now - run.onset) / 60_000).toFixed(0),
    wrong: run.firings.filter((f) => !(f.version === 'v2' && f.group === 's02')).length,
  };
}

function countBy(list, key) {
  const counts = new Map();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  console.table(detectionFigures({ smoke }));
}
