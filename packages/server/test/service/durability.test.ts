/**
 * What a client was told was stored survives the process: `fairwatch serve` in a child
 * process receives events over HTTP, is killed (SIGKILL) or stopped (SIGTERM), is started again
 * on the same store, and shows exactly the acknowledged counts.
 */
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatedEvents, type SimulatedEvent } from '../../src/simulate/simulatedEvents.js';
import { buildProblem, startServe, type ServeProcess } from './serveProcess.js';
import { MINUTE, jsonAt, tempDir, type TempDir } from './serviceFixtures.js';

const CONFIG = `server:
  listen: 127.0.0.1:0
  store: ./unused.db
models:
  - name: loans
    attributes: [segment, sex]
    references: { segment: s01 }
slos:
  - name: loans-fpr-parity
    model: loans
    attribute: segment
    metric: fpr
    kind: difference
    compare: reference
`;

const PATHS = {
  prediction: '/v1/predictions',
  outcome: '/v1/outcomes',
  deployment: '/v1/deployments',
} as const;

let dir: TempDir;
let config: string;
let store: string;
const running: ServeProcess[] = [];

beforeAll(() => {
  const problem = buildProblem();
  if (problem !== null) throw new Error(problem);
});

beforeEach(async () => {
  dir = await tempDir('fairwatch-durability-');
  config = dir.file('fairwatch.yaml');
  store = dir.file('store.db');
  await writeFile(config, CONFIG);
});

afterEach(async () => {
  for (const serve of running.splice(0)) {
    if (serve.child.exitCode === null && serve.child.signalCode === null) {
      serve.child.kill('SIGKILL');
      await serve.exited;
    }
  }
  await dir.remove();
});

async function serve(): Promise<ServeProcess> {
  const started = await startServe(config, store);
  running.push(started);
  return started;
}

interface Acknowledged {
  predictions: number;
  outcomes: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The decision of every prediction sent, for the confusion counts of its outcome. */
const decisions = new Map<string, 0 | 1>();

/**
 * Posts events as NDJSON, up to 200 of one kind per request, and counts what the
 * service acknowledged with 2xx: each accepted item that was new, with the confusion counts
 * of the labels it took.
 */
async function send(
  url: string,
  events: readonly SimulatedEvent[],
  acknowledged: Acknowledged,
): Promise<void> {
  for (const event of events)
    if (event.kind === 'prediction') decisions.set(event.body.id, event.body.prediction);
  let run: SimulatedEvent[] = [];
  const flush = async (): Promise<void> => {
    const first = run[0];
    if (first === undefined) return;
    const body = `${run.map((event) => JSON.stringify(event.body)).join('\n')}\n`;
    const response = await fetch(`${url}${PATHS[first.kind]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
    });
    const reply: unknown = await response.json();
    expect(response.status).toBe(200);
    expect(reply).toMatchObject({ accepted: run.length, duplicates: 0, held: 0, rejected: [] });
    for (const event of run) {
      if (event.kind === 'prediction') acknowledged.predictions += 1;
      if (event.kind !== 'outcome') continue;
      acknowledged.outcomes += 1;
      const decision = decisions.get(event.body.id);
      if (event.body.label === 1) {
        if (decision === 1) acknowledged.tp += 1;
        else acknowledged.fn += 1;
      } else if (decision === 1) acknowledged.fp += 1;
      else acknowledged.tn += 1;
    }
    run = [];
  };
  // Predictions before outcomes (none is held), in requests of up to 200.
  for (const kind of ['deployment', 'prediction', 'outcome'] as const) {
    for (const event of events) {
      if (event.kind !== kind) continue;
      if (run.length >= 200) await flush();
      run.push(event);
    }
    await flush();
  }
}

/** The overall counts of the last hour, as the restarted service reports them. */
async function overall(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/v1/models/loans/metrics?window=1h`);
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  const counts = jsonAt(body, 'overall');
  if (typeof counts !== 'object' || counts === null) throw new Error('no overall counts');
  return { ...counts };
}

function simulation(seed: number, startMs: number, durationMs: number): SimulatedEvent[] {
  return [...simulatedEvents({ scenario: 'fair', seed, ratePerSecond: 0.5, startMs, durationMs })];
}

/** The score statistics of the overall counts, which a restart must rebuild exactly. */
function scoreView(counts: Record<string, unknown>): Record<string, unknown> {
  return {
    score_distribution: counts.score_distribution,
    auc: jsonAt(counts, 'metrics', 'auc'),
    brier: jsonAt(counts, 'metrics', 'brier'),
    ece: jsonAt(counts, 'metrics', 'ece'),
    calibration: counts.calibration,
    auc_binning_error: counts.auc_binning_error,
  };
}

/** The total of one of the overall score histograms. */
function histogramTotal(counts: Record<string, unknown>, ...path: string[]): number {
  const bins = jsonAt(counts, 'score_distribution', ...path);
  if (!Array.isArray(bins)) throw new Error(`no histogram ${path.join('.')}`);
  return bins.reduce((sum: number, bin: unknown) => sum + Number(bin), 0);
}

function expectCounts(counts: Record<string, unknown>, acknowledged: Acknowledged): void {
  expect({
    predictions: counts.predictions,
    outcomes: counts.n,
    tp: counts.tp,
    fp: counts.fp,
    tn: counts.tn,
    fn: counts.fn,
  }).toEqual(acknowledged);
  expect(counts.pending_labels).toBe(acknowledged.predictions - acknowledged.outcomes);
}

describe('fairwatch serve in a child process', () => {
  it('shows exactly the acknowledged counts after SIGKILL, with a checkpoint between the batches', async () => {
    const acknowledged = { predictions: 0, outcomes: 0, tp: 0, fp: 0, tn: 0, fn: 0 };
    const now = Date.now();
    const first = await serve();
    await send(first.url, simulation(1, now - 50 * MINUTE, 20 * MINUTE), acknowledged);
    const checkpointed = { ...acknowledged };
    // The service checkpoints every 5 s: the kill comes after one, with changes after it.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const earlier = simulation(1, now - 50 * MINUTE, 20 * MINUTE);
    const labelled = new Set(earlier.flatMap((e) => (e.kind === 'outcome' ? [e.body.id] : [])));
    // New predictions and outcomes, and late labels for predictions in the checkpoint.
    const lateLabels: SimulatedEvent[] = earlier
      .flatMap((e) => (e.kind === 'prediction' && !labelled.has(e.body.id) ? [e.body.id] : []))
      .map((id, i) => ({
        kind: 'outcome',
        index: i,
        body: { id, ts: now, label: i % 2 === 0 ? 1 : 0 },
      }));
    expect(lateLabels.length).toBeGreaterThan(0);
    await send(
      first.url,
      [...simulation(2, now - 15 * MINUTE, 10 * MINUTE), ...lateLabels],
      acknowledged,
    );
    const scoresBeforeKill = scoreView(await overall(first.url));
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await serve();
    const replayed = Number(/(\d+) changes replayed/.exec(second.stderr())?.[1]);
    expect(replayed).toBeGreaterThan(0);
    // At most one change per prediction written after the checkpoint between the batches
    // (with its label, if it has one) and one per late label for a prediction in it; fewer
    // if the 5 s checkpoint came again while the second batch was sent.
    expect(replayed).toBeGreaterThan(0);
    expect(replayed).toBeLessThanOrEqual(
      acknowledged.predictions - checkpointed.predictions + lateLabels.length,
    );
    const restarted = await overall(second.url);
    expectCounts(restarted, acknowledged);
    // Every simulated prediction has a score; the late labels moved theirs to a label's
    // histogram in the checkpointed buckets, and the replay must do the same.
    expect(histogramTotal(restarted, 'all')).toBe(acknowledged.predictions);
    expect(
      histogramTotal(restarted, 'labelled', 'positive') +
        histogramTotal(restarted, 'labelled', 'negative'),
    ).toBe(acknowledged.outcomes);
    expect(scoreView(restarted)).toEqual(scoresBeforeKill);
  });

  it('shows exactly the acknowledged counts after a clean SIGTERM, with nothing to replay', async () => {
    const acknowledged = { predictions: 0, outcomes: 0, tp: 0, fp: 0, tn: 0, fn: 0 };
    const first = await serve();
    await send(first.url, simulation(3, Date.now() - 40 * MINUTE, 30 * MINUTE), acknowledged);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toContain('fairwatch serve: stopping; committing state');

    const second = await serve();
    expect(second.stderr()).toContain(' 0 changes replayed');
    expectCounts(await overall(second.url), acknowledged);

    // And once more after a kill, the second process's own (empty) history on top.
    second.child.kill('SIGKILL');
    await second.exited;
    const third = await serve();
    expectCounts(await overall(third.url), acknowledged);
  });
});
