import { describe, expect, it } from 'vitest';
import { FAIR_RATES } from '../../src/simulate/scoreModel.js';
import { SCENARIOS, SCENARIO_NAMES, ratesFor } from '../../src/simulate/scenarios.js';
import { simulatedEvents, type SimulationOptions } from '../../src/simulate/simulatedEvents.js';
import { confusionBy, expectRate, fpr, selection, tpr, type Counts } from './streamStats.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

function run(overrides: Partial<SimulationOptions>): SimulationOptions {
  return {
    scenario: 'fair',
    seed: 7,
    ratePerSecond: 50,
    startMs: START,
    durationMs: 2 * HOUR,
    onsetAfterMs: 30 * 60_000,
    ...overrides,
  };
}

function get(counts: Map<string, Counts>, key: string): Counts {
  const c = counts.get(key);
  if (c === undefined) throw new Error(`no outcomes for ${key}`);
  return c;
}

describe('scenario catalogue', () => {
  it('has the five scenarios, each under its own name', () => {
    expect(SCENARIO_NAMES).toEqual([
      'fair',
      'canary-regression',
      'vendor-drift',
      'label-lag',
      'small-cohort',
    ]);
    for (const name of SCENARIO_NAMES) expect(SCENARIOS[name].name).toBe(name);
  });

  it('changes rates only for the incident cohort, on its version, after the onset', () => {
    const canary = SCENARIOS['canary-regression'];
    expect(ratesFor(canary, 's02', 'v2', true)).toEqual({ tpr: 0.8, fpr: 0.2 });
    expect(ratesFor(canary, 's02', 'v1', true)).toBe(FAIR_RATES);
    expect(ratesFor(canary, 's01', 'v2', true)).toBe(FAIR_RATES);
    expect(ratesFor(SCENARIOS['vendor-drift'], 's03', 'v1', false)).toBe(FAIR_RATES);
    expect(ratesFor(SCENARIOS['vendor-drift'], 's03', 'v1', true)).toEqual({ tpr: 0.9, fpr: 0.2 });
    expect(ratesFor(SCENARIOS['small-cohort'], 's20', 'v1', true)).toEqual({ tpr: 0.8, fpr: 0.25 });
    for (const segment of ['s01', 's02', 's03', 's20']) {
      expect(ratesFor(SCENARIOS.fair, segment, 'v1', true)).toBe(FAIR_RATES);
      expect(ratesFor(SCENARIOS['label-lag'], segment, 'v1', true)).toBe(FAIR_RATES);
    }
  });
});

describe('canary-regression', () => {
  const options = run({ scenario: 'canary-regression' });

  it('raises FPR for s02 on v2 to about 0.20 while every other group and v1 stay at 0.10', () => {
    const counts = confusionBy(simulatedEvents(options), (p) =>
      p.ts < START + 30 * 60_000 ? null : `${p.version}/${p.traffic ?? '-'}/${p.groups.segment}`,
    );
    const s02v2 = get(counts, 'v2/canary/s02');
    expectRate(fpr(s02v2), 0.2, s02v2.fp + s02v2.tn, 'v2 s02 fpr');
    expectRate(tpr(s02v2), 0.8, s02v2.tp + s02v2.fn, 'v2 s02 tpr');
    const s02v1 = get(counts, 'v1/control/s02');
    expectRate(fpr(s02v1), 0.1, s02v1.fp + s02v1.tn, 'v1 s02 fpr');
    for (const segment of ['s01', 's03', 's10', 's20']) {
      const c = get(counts, `v2/canary/${segment}`);
      expectRate(fpr(c), 0.1, c.fp + c.tn, `v2 ${segment} fpr`);
    }
  });

  it('splits traffic 50/50 between canary (v2) and control (v1) from the onset only', () => {
    let before = 0;
    let beforeTagged = 0;
    let canary = 0;
    let control = 0;
    let mismatched = 0;
    for (const e of simulatedEvents(options)) {
      if (e.kind !== 'prediction') continue;
      const { ts, traffic, version } = e.body;
      if (ts < START + 30 * 60_000) {
        before++;
        if (traffic !== undefined || version !== 'v1') beforeTagged++;
      } else if (traffic === 'canary') {
        canary++;
        if (version !== 'v2') mismatched++;
      } else {
        control++;
        if (traffic !== 'control' || version !== 'v1') mismatched++;
      }
    }
    expect(before).toBeGreaterThan(80_000);
    expect(beforeTagged).toBe(0);
    expect(mismatched).toBe(0);
    expectRate(canary / (canary + control), 0.5, canary + control, 'canary share');
  });
});

describe('vendor-drift', () => {
  it("raises s03's FPR to 0.20, TPR to 0.90 and selection rate to 0.41 after the onset only", () => {
    const counts = confusionBy(simulatedEvents(run({ scenario: 'vendor-drift' })), (p) =>
      p.groups.segment === 's03' || p.groups.segment === 's01'
        ? `${p.groups.segment}/${p.ts < START + 30 * 60_000 ? 'before' : 'after'}`
        : null,
    );
    const after = get(counts, 's03/after');
    expectRate(fpr(after), 0.2, after.fp + after.tn, 's03 fpr after');
    expectRate(tpr(after), 0.9, after.tp + after.fn, 's03 tpr after');
    const n = after.tp + after.fp + after.tn + after.fn;
    expectRate(selection(after), 0.41, n, 's03 selection after');
    const before = get(counts, 's03/before');
    expectRate(fpr(before), 0.1, before.fp + before.tn, 's03 fpr before');
    const s01 = get(counts, 's01/after');
    expectRate(fpr(s01), 0.1, s01.fp + s01.tn, 's01 fpr after');
    expectRate(selection(s01), 0.31, s01.tp + s01.fp + s01.tn + s01.fn, 's01 selection after');
  });
});

describe('label-lag', () => {
  it('loses about 15% of outcomes and delivers the rest hours to days late', () => {
    const options = run({ scenario: 'label-lag', ratePerSecond: 0.05, durationMs: 10 * 24 * HOUR });
    const end = START + options.durationMs;
    // Predictions made 5 days or more before the end: a delay that long has probability
    // P(Z > ln(120h / 8h)) = 0.34%, so almost all their outcomes are due within the run.
    const early = new Map<string, number>();
    const delays: number[] = [];
    let arrived = 0;
    for (const e of simulatedEvents(options)) {
      if (e.kind === 'prediction' && e.body.ts < end - 5 * 24 * HOUR)
        early.set(e.body.id, e.body.ts);
      if (e.kind === 'outcome') {
        const at = early.get(e.body.id);
        if (at !== undefined) {
          arrived++;
          delays.push(e.body.ts - at);
        }
      }
    }
    expect(early.size).toBeGreaterThan(20_000);
    const expected = 0.85 * (1 - 0.0034);
    expectRate(arrived / early.size, expected, early.size, 'outcomes that arrive');
    delays.sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)]! / HOUR;
    expect(median).toBeGreaterThan(7.5);
    expect(median).toBeLessThan(8.5);
    expect(delays[Math.floor(delays.length * 0.05)]! / HOUR).toBeGreaterThan(1.2);
    expect(delays[Math.floor(delays.length * 0.95)]! / HOUR).toBeGreaterThan(24);
  });

  it('is fair for the outcomes that arrive', () => {
    const options = run({ scenario: 'label-lag', ratePerSecond: 0.5, durationMs: 7 * 24 * HOUR });
    const counts = confusionBy(simulatedEvents(options), (p) =>
      p.groups.segment === 's01' || p.groups.segment === 's02' ? p.groups.segment : null,
    );
    for (const segment of ['s01', 's02']) {
      const c = get(counts, segment);
      expectRate(fpr(c), 0.1, c.fp + c.tn, `${segment} fpr`);
      expectRate(tpr(c), 0.8, c.tp + c.fn, `${segment} tpr`);
    }
  });
});

describe('small-cohort', () => {
  it('makes s20 0.2% of traffic with an FPR of 0.25 after the onset', () => {
    const options = run({ scenario: 'small-cohort', ratePerSecond: 100 });
    let predictions = 0;
    let s20 = 0;
    const counts = confusionBy(simulatedEvents(options), (p) => {
      predictions++;
      if (p.groups.segment !== 's20') return null;
      s20++;
      return p.ts < START + 30 * 60_000 ? 'before' : 'after';
    });
    expectRate(s20 / predictions, 0.002, predictions, 's20 share');
    const after = get(counts, 'after');
    expectRate(fpr(after), 0.25, after.fp + after.tn, 's20 fpr after');
    const before = get(counts, 'before');
    expectRate(fpr(before), 0.1, before.fp + before.tn, 's20 fpr before');
  });
});
