import { describe, expect, it } from 'vitest';
import { SEGMENT_SHARES } from '../../src/simulate/segmentShares.js';
import {
  simulatedEvents,
  type SimulatedEvent,
  type SimulationOptions,
} from '../../src/simulate/simulatedEvents.js';
import { confusionBy, expectRate, fpr, tpr, type Counts } from './streamStats.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

function options(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    scenario: 'fair',
    seed: 1,
    ratePerSecond: 10,
    startMs: START,
    durationMs: HOUR,
    ...overrides,
  };
}

function take(n: number, events: Iterable<SimulatedEvent>): SimulatedEvent[] {
  const out: SimulatedEvent[] = [];
  for (const event of events) {
    if (out.length >= n) break;
    out.push(event);
  }
  return out;
}

describe('simulatedEvents: determinism', () => {
  it('gives the same stream for the same seed', () => {
    expect([...simulatedEvents(options({ durationMs: 10 * 60_000 }))]).toEqual([
      ...simulatedEvents(options({ durationMs: 10 * 60_000 })),
    ]);
  });

  it('gives a different stream for another seed', () => {
    const a = take(50, simulatedEvents(options({ seed: 1 })));
    const b = take(50, simulatedEvents(options({ seed: 2 })));
    expect(a.map((e) => e.body.ts)).not.toEqual(b.map((e) => e.body.ts));
  });

  it('draws the same traffic in every scenario for one seed; only the injected part differs', () => {
    const fair = take(60_000, simulatedEvents(options({ scenario: 'fair' })));
    const drift = take(60_000, simulatedEvents(options({ scenario: 'vendor-drift' })));
    const predictions = (events: SimulatedEvent[]) =>
      events.flatMap((e) => (e.kind === 'prediction' ? [e.body] : []));
    const [p, q] = [predictions(fair), predictions(drift)];
    expect(q.map((x) => [x.ts, x.groups])).toEqual(p.map((x) => [x.ts, x.groups]));
    const changed = q.filter((x, i) => x.score !== p[i]?.score);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((x) => x.groups.segment === 's03' && x.ts >= START + HOUR / 3)).toBe(true);
  });
});

describe('simulatedEvents: shape and order', () => {
  const events = [...simulatedEvents(options({ scenario: 'canary-regression' }))];

  it('emits well-formed predictions with unique ids `${scenario}-${seed}-${n}`', () => {
    const predictions = events.flatMap((e) => (e.kind === 'prediction' ? [e] : []));
    expect(predictions.length).toBeGreaterThan(35_000);
    expect(predictions.length).toBeLessThan(37_000);
    expect(predictions.every((p, n) => p.index === n)).toBe(true);
    expect(predictions.every((p, n) => p.body.id === `canary-regression-1-${n}`)).toBe(true);
    const segments = new Set(SEGMENT_SHARES.map((s) => s.group));
    const malformed = predictions.filter(
      ({ body }) =>
        body.model !== 'loans' ||
        !Number.isInteger(body.ts) ||
        !(body.score >= 0 && body.score <= 1) ||
        body.prediction !== (body.score >= 0.5 ? 1 : 0) ||
        !['F', 'M'].includes(body.groups.sex) ||
        !segments.has(body.groups.segment),
    );
    expect(malformed).toEqual([]);
  });

  it('keeps simulated ts non-decreasing across the whole stream and inside the run', () => {
    const backwards = events.filter((e, i) => i > 0 && e.body.ts < events[i - 1]!.body.ts);
    expect(backwards).toEqual([]);
    const last = events[events.length - 1]?.body.ts ?? NaN;
    expect(events[0]?.body.ts).toBe(START);
    expect(last).toBeLessThan(START + HOUR);
  });

  it('never emits an outcome before its prediction, nor twice', () => {
    const seen = new Map<string, number>();
    const answered = new Set<string>();
    const wrong: string[] = [];
    for (const event of events) {
      if (event.kind === 'prediction') seen.set(event.body.id, event.body.ts);
      if (event.kind === 'outcome') {
        const ts = seen.get(event.body.id);
        if (ts === undefined || event.body.ts < ts || answered.has(event.body.id)) {
          wrong.push(event.body.id);
        }
        answered.add(event.body.id);
      }
    }
    expect(wrong).toEqual([]);
    expect(answered.size).toBeGreaterThan(30_000);
  });

  it('starts with the v1 deployment and the canary deployment precedes every v2 prediction', () => {
    expect(events[0]).toEqual({
      kind: 'deployment',
      body: { model: 'loans', version: 'v1', ts: START, kind: 'deploy' },
    });
    const canary = events.findIndex(
      (e) => e.kind === 'deployment' && e.body.kind === 'canary_start',
    );
    const firstV2 = events.findIndex((e) => e.kind === 'prediction' && e.body.version === 'v2');
    expect(canary).toBeGreaterThan(0);
    expect(firstV2).toBeGreaterThan(canary);
    expect(events[canary]?.body.ts).toBe(START + 20 * 60_000);
  });

  it('delays outcomes by about the default five minutes and drops those due after the end', () => {
    const predicted = new Map<string, number>();
    let delays = 0;
    let outcomes = 0;
    for (const event of events) {
      if (event.kind === 'prediction') predicted.set(event.body.id, event.body.ts);
      if (event.kind === 'outcome') {
        delays += event.body.ts - (predicted.get(event.body.id) ?? NaN);
        outcomes++;
      }
    }
    // Outcomes due after the end are cut off, so the mean of those sent is a little under 5 min.
    expect(delays / outcomes / 60_000).toBeGreaterThan(4.3);
    expect(delays / outcomes / 60_000).toBeLessThan(5.1);
    // About 5 of the 60 minutes' outcomes are still due at the end.
    expect(outcomes / predicted.size).toBeGreaterThan(0.9);
    expect(outcomes / predicted.size).toBeLessThan(0.94);
  });
});

describe('simulatedEvents: laziness', () => {
  it('yields the first events of a ten-year run at once', () => {
    const started = performance.now();
    const first = take(
      1000,
      simulatedEvents(options({ durationMs: 3650 * 24 * HOUR, ratePerSecond: 1000 })),
    );
    expect(first).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('simulatedEvents: the fair scenario', () => {
  it('has TPR 0.80 and FPR 0.10 in every segment, sex and intersection', () => {
    const cells = confusionBy(
      simulatedEvents(options({ ratePerSecond: 100, durationMs: HOUR, seed: 42 })),
      (p) => `${p.groups.segment}&${p.groups.sex}`,
    );
    expect(cells.size).toBe(40);
    const bySegment = new Map<string, Counts>();
    const bySex = new Map<string, Counts>();
    for (const [cell, c] of cells) {
      const [segment = '', sex = ''] = cell.split('&');
      add(bySegment, segment, c);
      add(bySex, sex, c);
      expectRate(fpr(c), 0.1, c.fp + c.tn, `${cell} fpr`);
      expectRate(tpr(c), 0.8, c.tp + c.fn, `${cell} tpr`);
    }
    expect(bySegment.size).toBe(20);
    for (const [segment, c] of bySegment) {
      expectRate(tpr(c), 0.8, c.tp + c.fn, `${segment} tpr`);
      expectRate(fpr(c), 0.1, c.fp + c.tn, `${segment} fpr`);
      const n = c.tp + c.fn + c.fp + c.tn;
      expectRate((c.tp + c.fn) / n, 0.3, n, `${segment} prevalence`);
    }
    const f = bySex.get('F')!;
    const m = bySex.get('M')!;
    const total = f.tp + f.fp + f.tn + f.fn + m.tp + m.fp + m.tn + m.fn;
    expectRate((f.tp + f.fp + f.tn + f.fn) / total, 0.5, total, 'share of F');
  });
});

function add(into: Map<string, Counts>, key: string, c: Counts): void {
  const sum = into.get(key) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
  into.set(key, { tp: sum.tp + c.tp, fp: sum.fp + c.fp, tn: sum.tn + c.tn, fn: sum.fn + c.fn });
}
