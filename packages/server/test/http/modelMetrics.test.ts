import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  simulatedEvents,
  type PredictionBody,
  type SimulatedEvent,
} from '../../src/simulate/simulatedEvents.js';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  bodyJson,
  bodyText,
  demoConfig,
  ingestReply,
  jsonAt,
  jsonListAt,
  modelMetricsOf,
  prediction,
  startedService,
  tempDir,
  type GroupCounts,
  type TempDir,
} from '../service/serviceFixtures.js';

const SIMULATION = {
  scenario: 'fair',
  seed: 21,
  ratePerSecond: 1.5,
  startMs: NOW - 75 * MINUTE,
  durationMs: 75 * MINUTE,
} as const;

let dir: TempDir;
let service: MonitorService;
let client: AppClient;
let events: SimulatedEvent[];

/** Posts the run's events as NDJSON, in runs of one kind, as a sender would. */
function send(all: readonly SimulatedEvent[]): void {
  const path = {
    prediction: '/v1/predictions',
    outcome: '/v1/outcomes',
    deployment: '/v1/deployments',
  };
  let run: SimulatedEvent[] = [];
  const flush = (): void => {
    const first = run[0];
    if (first === undefined) return;
    const reply = ingestReply(
      client.postNdjson(
        path[first.kind],
        run.map((e) => JSON.stringify(e.body)),
      ),
    );
    expect(reply.rejected).toEqual([]);
    run = [];
  };
  for (const event of all) {
    if (run.length >= 1000 || (run[0] !== undefined && run[0].kind !== event.kind)) flush();
    run.push(event);
  }
  flush();
}

beforeAll(async () => {
  dir = await tempDir();
  service = startedService(demoConfig(dir.file('store.db')));
  client = new AppClient(service);
  events = [...simulatedEvents(SIMULATION)];
  send(events);
});

afterAll(async () => {
  await service.close();
  await dir.remove();
});

interface Expected {
  predictions: number;
  n: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  pending: number;
}

/** What the service should count per segment for predictions made in [from, to). */
function expectedBySegment(from: number, to: number): Map<string, Expected> {
  const labels = new Map<string, 0 | 1>();
  for (const event of events)
    if (event.kind === 'outcome') labels.set(event.body.id, event.body.label);
  const counts = new Map<string, Expected>();
  for (const event of events) {
    if (event.kind !== 'prediction') continue;
    const body: PredictionBody = event.body;
    if (body.ts < from || body.ts >= to) continue;
    const segment = body.groups.segment;
    const c = counts.get(segment) ?? {
      predictions: 0,
      n: 0,
      tp: 0,
      fp: 0,
      tn: 0,
      fn: 0,
      pending: 0,
    };
    c.predictions += 1;
    const label = labels.get(body.id);
    if (label === undefined) c.pending += 1;
    else {
      c.n += 1;
      if (label === 1 && body.prediction === 1) c.tp += 1;
      else if (label === 0 && body.prediction === 1) c.fp += 1;
      else if (label === 0) c.tn += 1;
      else c.fn += 1;
    }
    counts.set(segment, c);
  }
  return counts;
}

function countsOf(group: GroupCounts): Expected {
  const { predictions, n, tp, fp, tn, fn, pending } = group;
  return { predictions, n, tp, fp, tn, fn, pending };
}

function errorOf(url: string): { status: number; error: string } {
  const response = client.get(url);
  const body = bodyJson(response);
  const error =
    typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : '';
  return { status: response.status, error };
}

describe('GET /v1/models/{model}/metrics', () => {
  it('gives per-group counts equal to what was sent in the window', () => {
    const metrics = modelMetricsOf(client, 'window=1h&attribute=segment');
    const expected = expectedBySegment(NOW - HOUR, NOW);
    expect(expected.size).toBe(20);
    const got = new Map(metrics.groups.map((group) => [group.attributes.segment ?? '', group]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [segment, counts] of expected) {
      expect(countsOf(got.get(segment)!), segment).toEqual(counts);
    }
    expect(metrics.groups.every((group) => group.attribute === 'segment')).toBe(true);
    expect(metrics.body).toMatchObject({
      model: 'loans',
      version: null,
      resolution: 'minute',
      from: new Date(NOW - HOUR).toISOString(),
      to: new Date(NOW).toISOString(),
    });
  });

  it('gives the same counts for an explicit from and to', () => {
    const from = NOW - 90 * MINUTE;
    const to = NOW - 30 * MINUTE;
    const metrics = modelMetricsOf(
      client,
      `from=${new Date(from).toISOString()}&to=${String(to)}&attribute=segment`,
    );
    for (const [segment, counts] of expectedBySegment(from, to)) {
      const group = metrics.groups.find((g) => g.attributes.segment === segment);
      expect(countsOf(group!), segment).toEqual(counts);
    }
  });

  it('gives a series with one point per step, each with the counts of its span', () => {
    const metrics = modelMetricsOf(client, 'window=1h&attribute=segment&step=15m');
    const points = jsonListAt(metrics.body, 'series');
    expect(points.map((point) => jsonAt(point, 'from'))).toEqual(
      [60, 45, 30, 15].map((ago) => new Date(NOW - ago * MINUTE).toISOString()),
    );
    for (const point of points) {
      const from = Date.parse(String(jsonAt(point, 'from')));
      expect(jsonAt(point, 'to')).toBe(new Date(from + 15 * MINUTE).toISOString());
      const expected = expectedBySegment(from, from + 15 * MINUTE);
      const groups = jsonListAt(point, 'groups');
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const n = jsonAt(group, 'n');
        expect(n).toBe(expected.get(String(jsonAt(group, 'attributes', 'segment')))?.n);
        expect(n).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('gives the chosen rates of series_metrics exactly as the full series gives them', () => {
    const query = 'window=1h&step=10m';
    const full = jsonListAt(modelMetricsOf(client, query).body, 'series');
    const chosen = jsonListAt(
      modelMetricsOf(client, `${query}&series_metrics=fpr,selection_rate,fpr`).body,
      'series',
    );
    expect(chosen.length).toBe(full.length);
    chosen.forEach((point, p) => {
      const groups = jsonListAt(point, 'groups');
      const fullGroups = jsonListAt(full[p], 'groups');
      expect(groups.length).toBe(fullGroups.length);
      expect(groups.length).toBeGreaterThan(0);
      groups.forEach((group, g) => {
        const whole = fullGroups[g];
        expect(jsonAt(group, 'attributes')).toEqual(jsonAt(whole, 'attributes'));
        expect(jsonAt(group, 'n')).toBe(jsonAt(whole, 'n'));
        expect(jsonAt(group, 'metrics')).toEqual({
          fpr: jsonAt(whole, 'metrics', 'fpr'),
          selection_rate: jsonAt(whole, 'metrics', 'selection_rate'),
        });
      });
    });
  });

  it('filters by version and reads a day-long window from the hour buckets', () => {
    expect(modelMetricsOf(client, 'window=1h&version=v1').overall.predictions).toBe(
      [...expectedBySegment(NOW - HOUR, NOW).values()].reduce((sum, c) => sum + c.predictions, 0),
    );
    expect(modelMetricsOf(client, 'window=3d').body).toMatchObject({ resolution: 'hour' });
  });

  it.each([
    ['window=abc', 400, 'window abc is not a duration such as 15m or 1h'],
    ['window=-1h', 400, 'window -1h is not a duration such as 15m or 1h'],
    ['step=0s', 400, 'step 0s is not a duration such as 5m or 1h'],
    ['step=soon', 400, 'step soon is not a duration such as 5m or 1h'],
    ['window=1d&step=1m', 400, 'step 1m makes more than 500 points; use a longer step'],
    ['from=yesterday', 400, 'from must be RFC 3339 or epoch milliseconds'],
    [`from=${String(NOW)}&to=${String(NOW - HOUR)}`, 400, 'from must be before to'],
    ['attribute=age', 400, 'attribute age is not configured for loans; use segment, sex'],
    ['version=v9', 404, 'model loans has no version v9'],
    [
      'step=10m&series_metrics=fpr,auc',
      400,
      'series_metrics names auc, which is not a rate metric; use selection_rate, prevalence, tpr, fpr, tnr, fnr, ppv, npv, fdr, for, accuracy',
    ],
  ])('refuses %s with %i and a one-line error', (query, status, error) => {
    const answer = errorOf(`/v1/models/loans/metrics?${query}`);
    expect(answer).toEqual({ status, error });
    expect(answer.error).not.toContain('\n');
  });

  it('answers 404 for an unknown model', () => {
    expect(errorOf('/v1/models/mortgages/metrics')).toEqual({
      status: 404,
      error: 'unknown model mortgages',
    });
  });

  it('suppresses groups with fewer labelled predictions than privacy.min_cell_size', () => {
    const rare = Array.from({ length: 12 }, (_, i) =>
      prediction(`rare-${String(i)}`, NOW - 20 * MINUTE, { groups: { segment: 's99', sex: 'F' } }),
    );
    ingestReply(client.postJson('/v1/predictions', rare));
    const labels = rare.slice(0, 9).map((p) => ({ id: p.id, ts: NOW - 10 * MINUTE, label: 1 }));
    ingestReply(client.postJson('/v1/outcomes', labels));

    const response = client.get('/v1/models/loans/metrics?window=1h&attribute=segment&step=30m');
    const text = bodyText(response);
    const metrics = modelMetricsOf(client, 'window=1h&attribute=segment');
    const s99 = metrics.groups.find((group) => group.attributes.segment === 's99');
    expect(s99?.suppressed).toBe(true);
    // Nothing about the group's size or outcomes is published.
    const raw = jsonListAt(metrics.body, 'groups').find(
      (group) => jsonAt(group, 'attributes', 'segment') === 's99',
    );
    expect(Object.keys(raw ?? {}).sort()).toEqual([
      'attribute',
      'attributes',
      'reason',
      'suppressed',
    ]);
    // Nor does it take part in disparities or the series; `excluded` says only that it is small.
    const body: unknown = JSON.parse(text);
    expect(JSON.stringify(jsonAt(body, 'disparities'))).not.toContain('s99');
    expect(JSON.stringify(jsonAt(body, 'series'))).not.toContain('s99');
    expect(jsonListAt(body, 'excluded')).toContainEqual({
      attribute: 'segment',
      group: { segment: 's99' },
      metric: null,
      reason: 'fewer rows than the minimum sample size',
    });

    ingestReply(
      client.postJson('/v1/outcomes', [{ id: 'rare-9', ts: NOW - 10 * MINUTE, label: 0 }]),
    );
    const shown = modelMetricsOf(client, 'window=1h&attribute=segment').groups.find(
      (group) => group.attributes.segment === 's99',
    );
    expect(shown).toMatchObject({ suppressed: false, n: 10, tp: 9, fp: 1, tn: 0, predictions: 12 });
  });
});

describe('GET /v1/models/{model}/metrics on a fresh service', () => {
  it('answers before the reference group has been seen instead of failing with 500', async () => {
    const fresh = await tempDir();
    const empty = startedService(demoConfig(fresh.file('store.db')));
    try {
      const emptyClient = new AppClient(empty);
      expect(emptyClient.get('/v1/models/loans/metrics').status).toBe(200);
      ingestReply(
        emptyClient.postJson(
          '/v1/predictions',
          prediction('p-1', NOW - MINUTE, {
            groups: { segment: 's07', sex: 'M' },
          }),
        ),
      );
      expect(emptyClient.get('/v1/models/loans/metrics?attribute=segment').status).toBe(200);
    } finally {
      await empty.close();
      await fresh.remove();
    }
  });
});
