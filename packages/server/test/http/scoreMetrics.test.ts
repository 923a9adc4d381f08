/**
 * Score metrics in GET /v1/models/{model}/metrics: AUC, Brier, ECE and the reliability
 * diagram from the service's binned score statistics, checked against scipy/numpy reference
 * values (test/windows/fixtures/scoreReference.py) and against the audit's own code folding
 * the same events at full resolution.
 */
import { readFileSync } from 'node:fs';
import { CellStatistics, evaluateGroup, type GroupEvaluation } from '@fairwatch/core';
import { describe, expect, it } from 'vitest';
import type { SimulatedEvent } from '../../src/simulate/simulatedEvents.js';
import {
  MINUTE,
  NOW,
  feedSimulation,
  ingestReply,
  jsonAt,
  jsonListAt,
  prediction,
  useFreshService,
  type FreshService,
} from '../service/serviceFixtures.js';

let fresh: FreshService;
useFreshService((current) => {
  fresh = current;
});

interface ReferenceCase {
  readonly scores: number[];
  readonly labels: (0 | 1)[];
  readonly expected: { auc: number; brier: number; ece: number };
}

function isReferenceCase(value: unknown): value is ReferenceCase {
  if (typeof value !== 'object' || value === null) return false;
  const { scores, labels, expected } = value as Record<string, unknown>;
  return (
    Array.isArray(scores) &&
    scores.every((s) => typeof s === 'number') &&
    Array.isArray(labels) &&
    labels.every((l) => l === 0 || l === 1) &&
    typeof expected === 'object' &&
    expected !== null &&
    ['auc', 'brier', 'ece'].every(
      (name) => typeof (expected as Record<string, unknown>)[name] === 'number',
    )
  );
}

function referenceCase(name: string): ReferenceCase {
  const text = readFileSync(
    new URL('../windows/fixtures/scoreReference.json', import.meta.url),
    'utf8',
  );
  const parsed: unknown = JSON.parse(text);
  const value = typeof parsed === 'object' && parsed !== null ? jsonAt(parsed, name) : undefined;
  if (!isReferenceCase(value)) throw new Error(`scoreReference.json has no case ${name}`);
  return value;
}

/** Posts the rows as predictions of one group in the last hour, then their outcomes. */
function sendRows(scores: readonly number[], labels: readonly (0 | 1)[]): void {
  const ts = (i: number): number => NOW - 50 * MINUTE + i * 1000;
  const predictions = scores.map((score, i) => prediction(`r${String(i)}`, ts(i), { score }));
  expect(ingestReply(fresh.client.postJson('/v1/predictions', predictions)).rejected).toEqual([]);
  const outcomes = labels.map((label, i) => ({ id: `r${String(i)}`, ts: ts(i) + 5_000, label }));
  expect(ingestReply(fresh.client.postJson('/v1/outcomes', outcomes)).rejected).toEqual([]);
}

function metricValue(group: unknown, name: string): number {
  const value = jsonAt(group, 'metrics', name, 'value');
  if (typeof value !== 'number') throw new Error(`${name} has no value`);
  return value;
}

function numberAt(value: unknown, ...path: (string | number)[]): number {
  const found = jsonAt(value, ...path);
  if (typeof found !== 'number') throw new Error(`${path.join('.')} is not a number`);
  return found;
}

function numbersAt(value: unknown, ...path: (string | number)[]): number[] {
  return jsonListAt(value, ...path).map((item) => {
    if (typeof item !== 'number') throw new Error(`${path.join('.')} holds a non-number`);
    return item;
  });
}

function overall(query = 'window=1h'): unknown {
  return jsonAt(fresh.client.getJson(`/v1/models/loans/metrics?${query}`), 'overall');
}

describe('score metrics against scipy and numpy', () => {
  it('equals the exact AUC, Brier and ECE when every score is a bin centre', () => {
    const reference = referenceCase('on_grid');
    sendRows(reference.scores, reference.labels);
    const body = overall();
    expect(metricValue(body, 'auc')).toBeCloseTo(reference.expected.auc, 12);
    expect(metricValue(body, 'brier')).toBeCloseTo(reference.expected.brier, 12);
    expect(metricValue(body, 'ece')).toBeCloseTo(reference.expected.ece, 12);
  });

  it('is within the reported auc_binning_error of the exact AUC, with Brier and ECE exact', () => {
    const reference = referenceCase('continuous');
    sendRows(reference.scores, reference.labels);
    const body = overall();
    const bound = numberAt(body, 'auc_binning_error');
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThan(0.05);
    expect(Math.abs(metricValue(body, 'auc') - reference.expected.auc)).toBeLessThanOrEqual(bound);
    expect(metricValue(body, 'brier')).toBeCloseTo(reference.expected.brier, 12);
    expect(metricValue(body, 'ece')).toBeCloseTo(reference.expected.ece, 12);
    expect(jsonListAt(body, 'calibration')).toHaveLength(10);
  });
});

describe('score statistics of the service', () => {
  it('moves a late-labelled score from the unlabelled predictions to its label histogram', () => {
    const ts = NOW - 30 * MINUTE;
    fresh.client.postJson('/v1/predictions', [prediction('late', ts, { score: 0.42 })]);
    const before = overall();
    expect(numbersAt(before, 'score_distribution', 'all')[8]).toBe(1);
    expect(numbersAt(before, 'score_distribution', 'labelled', 'negative')[8]).toBe(0);
    fresh.client.postJson('/v1/outcomes', [{ id: 'late', ts: NOW - MINUTE, label: 0 }]);
    const after = overall();
    expect(numbersAt(after, 'score_distribution', 'all')[8]).toBe(1);
    expect(numbersAt(after, 'score_distribution', 'labelled', 'negative')[8]).toBe(1);
    expect(numbersAt(after, 'score_distribution', 'labelled', 'positive')).toEqual(
      new Array<number>(20).fill(0),
    );
    expect(numbersAt(after, 'score_distribution', 'edges')).toEqual(
      Array.from({ length: 21 }, (_, k) => k / 20),
    );
  });

  it('puts a score of exactly 1 in the last bin and refuses one above 1', () => {
    const reply = ingestReply(
      fresh.client.postJson('/v1/predictions', [
        prediction('one', NOW - MINUTE, { score: 1 }),
        prediction('above', NOW - MINUTE, { score: 1.01 }),
      ]),
    );
    expect(reply.rejected.map((r) => r.reason)).toEqual(['score must lie in [0, 1]']);
    expect(numbersAt(overall(), 'score_distribution', 'all')[19]).toBe(1);
  });

  it('shows no score distribution for a group below the privacy minimum cell size', () => {
    fresh.client.postJson('/v1/predictions', [prediction('p1', NOW - MINUTE, { score: 0.9 })]);
    fresh.client.postJson('/v1/outcomes', [{ id: 'p1', ts: NOW - MINUTE, label: 1 }]);
    const groups = jsonListAt(
      fresh.client.getJson('/v1/models/loans/metrics?window=1h&attribute=segment'),
      'groups',
    );
    expect(groups).toHaveLength(1);
    expect(jsonAt(groups[0], 'suppressed')).toBe(true);
    expect(jsonAt(groups[0], 'score_distribution')).toBeUndefined();
    expect(jsonAt(groups[0], 'calibration')).toBeUndefined();
  });
});

/** The audit's evaluation of one segment's labelled events in [from, to), at full resolution. */
function auditOf(
  events: readonly SimulatedEvent[],
  segment: string,
  from: number,
  to: number,
): GroupEvaluation {
  const labels = new Map<string, 0 | 1>();
  for (const event of events)
    if (event.kind === 'outcome') labels.set(event.body.id, event.body.label);
  const rows: { score: number; label: 0 | 1; prediction: 0 | 1 }[] = [];
  for (const event of events) {
    if (event.kind !== 'prediction' || event.body.groups.segment !== segment) continue;
    if (event.body.ts < from || event.body.ts >= to) continue;
    const label = labels.get(event.body.id);
    if (label !== undefined)
      rows.push({ score: event.body.score, label, prediction: event.body.prediction });
  }
  const statistics = new CellStatistics({ scores: true, weighted: false }, 1);
  statistics.reserveCells(1);
  statistics.add({
    length: rows.length,
    cell: new Uint32Array(rows.length),
    label: Uint8Array.from(rows.map((row) => row.label)),
    prediction: Uint8Array.from(rows.map((row) => row.prediction)),
    score: Float64Array.from(rows.map((row) => row.score)),
  });
  return evaluateGroup(statistics, 0.95);
}

describe('score metrics against the audit', () => {
  it('gives per segment the audit Brier, ECE and calibration, and its AUC up to both binning errors', () => {
    const events = feedSimulation(fresh.service, {
      scenario: 'fair',
      seed: 7,
      ratePerSecond: 2,
      startMs: NOW - 60 * MINUTE,
      durationMs: 60 * MINUTE,
    });
    const groups = jsonListAt(
      fresh.client.getJson('/v1/models/loans/metrics?window=1h&attribute=segment'),
      'groups',
    );
    let compared = 0;
    for (const group of groups) {
      if (jsonAt(group, 'suppressed') === true) continue;
      const segment = String(jsonAt(group, 'attributes', 'segment'));
      const audit = auditOf(events, segment, NOW - 60 * MINUTE, NOW);
      const serviceError = numberAt(group, 'auc_binning_error');
      expect(serviceError).toBeGreaterThan(0);
      const gap = Math.abs(metricValue(group, 'auc') - audit.metrics.auc.value!);
      expect(gap, segment).toBeLessThanOrEqual(serviceError + audit.auc_binning_error!);
      expect(metricValue(group, 'brier'), segment).toBeCloseTo(audit.metrics.brier.value!, 12);
      expect(metricValue(group, 'ece'), segment).toBeCloseTo(audit.metrics.ece.value!, 12);
      const bins = jsonListAt(group, 'calibration');
      expect(bins.map((bin) => jsonAt(bin, 'n'))).toEqual(audit.calibration!.map((bin) => bin.n));
      bins.forEach((bin, b) => {
        const meanScore = audit.calibration![b]!.mean_score;
        if (meanScore === null) expect(jsonAt(bin, 'mean_score')).toBeNull();
        else expect(numberAt(bin, 'mean_score')).toBeCloseTo(meanScore, 12);
      });
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('gives auc and brier in every point of a series asked for with scores=true, and only then', () => {
    feedSimulation(fresh.service, {
      scenario: 'fair',
      seed: 8,
      ratePerSecond: 2,
      startMs: NOW - 60 * MINUTE,
      durationMs: 60 * MINUTE,
    });
    const rates = fresh.client.getJson('/v1/models/loans/metrics?window=1h&step=30m&attribute=sex');
    for (const point of jsonListAt(rates, 'series')) {
      for (const group of jsonListAt(point, 'groups')) {
        expect(jsonAt(group, 'metrics', 'auc', 'value')).toBeNull();
        expect(jsonAt(group, 'metrics', 'fpr', 'value')).toEqual(expect.any(Number));
      }
    }
    const body = fresh.client.getJson(
      '/v1/models/loans/metrics?window=1h&step=30m&attribute=sex&scores=true',
    );
    const points = jsonListAt(body, 'series');
    expect(points).toHaveLength(2);
    for (const point of points) {
      for (const group of jsonListAt(point, 'groups')) {
        expect(metricValue(group, 'auc')).toBeGreaterThan(0.6);
        expect(metricValue(group, 'brier')).toBeGreaterThan(0);
      }
    }
  });
});

/** Mean score of a histogram, each bin at its centre. */
function histogramMean(counts: readonly number[]): number {
  let n = 0;
  let sum = 0;
  counts.forEach((count, k) => {
    n += count;
    sum += count * ((k + 0.5) / counts.length);
  });
  return sum / n;
}

describe('fairwatch simulate vendor-drift', () => {
  it("shows segment s03's scores shifting up after the onset while s01's stay put", () => {
    const onset = NOW - 60 * MINUTE;
    feedSimulation(fresh.service, {
      scenario: 'vendor-drift',
      seed: 5,
      ratePerSecond: 3,
      startMs: NOW - 120 * MINUTE,
      durationMs: 120 * MINUTE,
      onsetAfterMs: 60 * MINUTE,
    });
    const meanOf = (segment: string, from: number, to: number): number => {
      const groups = jsonListAt(
        fresh.client.getJson(
          `/v1/models/loans/metrics?from=${String(from)}&to=${String(to)}&attribute=segment`,
        ),
        'groups',
      );
      const group = groups.find((g) => jsonAt(g, 'attributes', 'segment') === segment);
      return histogramMean(numbersAt(group, 'score_distribution', 'all'));
    };
    const shift = (segment: string): number =>
      meanOf(segment, onset, NOW) - meanOf(segment, NOW - 120 * MINUTE, onset);
    expect(shift('s03')).toBeGreaterThan(0.04);
    expect(Math.abs(shift('s01'))).toBeLessThan(0.03);
  });

  it("leaves the window's score metrics out with scores=false, and refuses another value", () => {
    feedSimulation(fresh.service, {
      scenario: 'fair',
      seed: 9,
      ratePerSecond: 2,
      startMs: NOW - 30 * MINUTE,
      durationMs: 30 * MINUTE,
    });
    const body = fresh.client.getJson('/v1/models/loans/metrics?window=1h&scores=false');
    const group = jsonListAt(body, 'groups')[0];
    expect(jsonAt(group, 'metrics', 'auc', 'value')).toBeNull();
    expect(jsonAt(group, 'metrics', 'fpr', 'value')).toEqual(expect.any(Number));
    expect(jsonAt(group, 'score_distribution') ?? null).toBeNull();
    const refused = fresh.client.request('GET', '/v1/models/loans/metrics?window=1h&scores=yes');
    expect(refused.status).toBe(400);
  });
});
