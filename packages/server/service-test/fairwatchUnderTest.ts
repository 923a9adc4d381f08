/**
 * `fairwatch serve` from the build (dist), as a child process on a free port and a store in a
 * temporary folder, fed by `fairwatch simulate` as another child process: the product as a
 * user runs it, for the real services to talk to.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { buildProblem, CLI, startServe, type ServeProcess } from '../test/service/serveProcess.js';
import type { TempDir } from '../test/service/serviceFixtures.js';

const run = promisify(execFile);

export interface FairwatchOptions {
  /** `server.evaluation_interval`, e.g. `30s`. */
  readonly evaluationInterval: string;
  /** Base URL of an Alertmanager to push alerts to, or null for no receiver. */
  readonly alertmanagerUrl: string | null;
}

/** Where alerts link to; checked in the annotations Alertmanager shows. */
export const PUBLIC_URL = 'http://fairwatch.test:8080';
export const RUNBOOK_URL = 'https://example.org/runbooks/fairness-fpr';

/**
 * The demo's model and FPR-parity SLO (packages/server/config/demo.yaml), on port 0, with an
 * Alertmanager receiver when asked for one.
 */
export function fairwatchConfig(options: FairwatchOptions): string {
  const receiver =
    options.alertmanagerUrl === null
      ? ''
      : `receivers:
  - name: alertmanager
    type: alertmanager
    url: ${options.alertmanagerUrl}
`;
  return `server:
  listen: 127.0.0.1:0
  public_url: ${PUBLIC_URL}
  store: ./unused.db
  evaluation_interval: ${options.evaluationInterval}
models:
  - name: loans
    threshold: 0.5
    attributes: [segment, sex]
    intersections: [[segment, sex]]
    references: { segment: s01 }
    min_samples: 30
slos:
  - name: loans-fpr-parity
    model: loans
    attribute: segment
    metric: fpr
    kind: difference
    compare: reference
    band: [-0.05, 0.05]
    window: 2h
    min_samples: 100
    objective: 0.999
    period: 28d
    false_alarm_rate: 0.01
    runbook_url: ${RUNBOOK_URL}
    alerts:
      - { severity: page, long_window: 1h, short_window: 5m, burn_rate: 14.4 }
      - { severity: ticket, long_window: 6h, short_window: 30m, burn_rate: 6 }
${receiver}`;
}

/**
 * Starts `fairwatch serve --clock event` on `fairwatchConfig(options)` in `dir`. Event time,
 * because the simulation below runs hours of traffic in seconds. Fails with the build's
 * problem when dist is missing or older than the sources.
 */
export async function startFairwatch(
  dir: TempDir,
  options: FairwatchOptions,
): Promise<ServeProcess> {
  const problem = buildProblem();
  if (problem !== null) throw new Error(problem);
  const config = dir.file('fairwatch.yaml');
  await writeFile(config, fairwatchConfig(options));
  return startServe(config, dir.file('store.db'), {}, ['--clock', 'event']);
}

/** Kills a serve process unless it has exited, and waits for it. */
export async function stopFairwatch(serve: ServeProcess | undefined): Promise<void> {
  if (serve === undefined) return;
  if (serve.child.exitCode === null && serve.child.signalCode === null) {
    serve.child.kill('SIGTERM');
    const timer = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
    await serve.exited;
    clearTimeout(timer);
  }
}

/** What `fairwatch simulate` says it sent and what the service accepted. */
export interface SimulationSent {
  readonly predictions: number;
  readonly outcomes: number;
  readonly deployments: number;
  /** HTTP requests it made. */
  readonly requests: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly stdout: string;
}

/** One run of `fairwatch simulate`: which scenario, how long, and when its traffic starts. */
export interface SimulationRun {
  readonly scenario: 'canary-regression' | 'fair';
  /** `--duration`, e.g. `150m`. */
  readonly duration: string;
  /** `--onset` for scenarios with an incident. */
  readonly onset?: string;
  /** Simulated start, epoch ms; by default the traffic ends now. */
  readonly startMs?: number;
}

/**
 * The simulator's canary-regression scenario sent to `target` as fast as it answers: 2 h 30 m
 * of traffic (ending now unless `startMs` says otherwise), v2 starting as a canary after 1 h
 * and raising segment s02's FPR from 0.10 to 0.20, which pages on the FPR-parity SLO (as in
 * test/service/canaryRegression.test.ts).
 */
export function simulateCanaryRegression(
  target: string,
  startMs?: number,
): Promise<SimulationSent> {
  return simulate(target, {
    scenario: 'canary-regression',
    duration: '150m',
    onset: '1h',
    ...(startMs === undefined ? {} : { startMs }),
  });
}

/** Labels of the page the canary regression raises, as fairwatch sends them to Alertmanager. */
const CANARY_PAGE_LABELS: Readonly<Record<string, string>> = {
  alertname: 'loans-fpr-parity',
  severity: 'page',
  model: 'loans',
  version: 'v2',
  attribute: 'segment',
  group: 'segment=s02',
  metric: 'fpr',
};

/** Whether an alert Alertmanager shows is the canary regression's page. */
export function isCanaryPage(alert: {
  readonly labels: Readonly<Record<string, string>>;
}): boolean {
  return Object.entries(CANARY_PAGE_LABELS).every(([name, value]) => alert.labels[name] === value);
}

/** Sends one simulation run to `target` at 6 predictions per second of simulated time, seed 1. */
export async function simulate(target: string, simulation: SimulationRun): Promise<SimulationSent> {
  const { stdout } = await run(
    process.execPath,
    [
      CLI,
      'simulate',
      '--scenario',
      simulation.scenario,
      '--target',
      target,
      '--duration',
      simulation.duration,
      ...(simulation.onset === undefined ? [] : ['--onset', simulation.onset]),
      ...(simulation.startMs === undefined ? [] : ['--start', String(simulation.startMs)]),
      '--rate',
      '6',
      '--seed',
      '1',
      '--speedup',
      'max',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const sent =
    /sent \d+ events in [^:]*: (\d+) predictions, (\d+) outcomes, (\d+) deployments/.exec(stdout);
  const requests = /(\d+) requests, \d+ retries/.exec(stdout);
  const acknowledged = /accepted (\d+), rejected (\d+)/.exec(stdout);
  if (sent === null || requests === null || acknowledged === null) {
    throw new Error(`fairwatch simulate did not report what it sent:\n${stdout}`);
  }
  return {
    predictions: Number(sent[1]),
    outcomes: Number(sent[2]),
    deployments: Number(sent[3]),
    requests: Number(requests[1]),
    accepted: Number(acknowledged[1]),
    rejected: Number(acknowledged[2]),
    stdout,
  };
}
