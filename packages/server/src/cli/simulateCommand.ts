import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { describeScenario } from '../simulate/describeScenario.js';
import { formatDuration, parseDuration } from '../simulate/duration.js';
import type { Clock } from '../simulate/pacer.js';
import type { FetchLike, RetryPolicy } from '../simulate/postBatch.js';
import { SCENARIO_NAMES, isScenarioName } from '../simulate/scenarios.js';
import { scenarioText } from '../simulate/scenarioText.js';
import { sendEvents, type SendProgress } from '../simulate/sendEvents.js';
import type { SendSummary } from '../simulate/sendTally.js';
import { simulatedEvents, type SimulationOptions } from '../simulate/simulatedEvents.js';
import type { CliIo } from './cliIo.js';

export const SIMULATE_HELP = `Usage: fairwatch simulate --target URL [options]

Sends synthetic loan decisions (model 'loans', attributes segment s01..s20 and sex) to a
fairwatch service, with a fairness incident injected at a known time, and prints the ground
truth first: what was injected, where, when and how large.

Scenario
  --scenario NAME     ${SCENARIO_NAMES.join(' | ')} (default fair)
  --rate N            predictions per simulated second (default 10)
  --duration D        simulated length, e.g. 30m, 6h, 7d (default 1h)
  --onset D           incident onset after the start (default a third of the duration,
                      at most 2h)
  --seed N            seed of the generator, 0 to 4294967295 (default 1)
  --start TIME        simulated start, RFC 3339 or epoch ms (default: now minus the duration
                      when --speedup is above 1, so nothing lies in the future; else now)
Sending
  --target URL        the service's base URL, e.g. http://127.0.0.1:8080
  --speedup S|max     simulated seconds per real second (default 60); max = no pacing
  --batch N           events per request (default 1000)
  --concurrency N     requests in flight at once (default 3)
  --describe          print the scenario and its ground truth as JSON and send nothing

Exit codes: 0 sent (rejected events are counted, not fatal), 2 usage error or an unusable
target.`;

/** What `fairwatch simulate` was asked to do. */
export interface SimulateArgs {
  readonly simulation: SimulationOptions;
  readonly target: string | undefined;
  readonly speedup: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly describe: boolean;
}

/** Overrides for tests: the wall clock that sets the default start, the pacing clock, fetch, retries. */
export interface SimulateDeps {
  readonly wallClock?: () => number;
  readonly clock?: Clock;
  readonly fetch?: FetchLike;
  readonly retry?: RetryPolicy;
}

export async function simulateCommand(
  args: readonly string[],
  io: CliIo,
  deps: SimulateDeps = {},
): Promise<number> {
  const parsed = parseSimulateArgs(args, (deps.wallClock ?? Date.now)());
  if (parsed === null) {
    io.stdout(`${SIMULATE_HELP}\n`);
    return 0;
  }
  const description = describeScenario(parsed.simulation);
  if (parsed.describe) {
    io.stdout(`${JSON.stringify(description, null, 2)}\n`);
    return 0;
  }
  const target = parsed.target;
  if (target === undefined) {
    throw new UsageError('--target URL is required (or --describe to send nothing)');
  }
  io.stdout(scenarioText(description));
  const { durationMs, startMs } = parsed.simulation;
  const realLength =
    parsed.speedup === Infinity
      ? 'as fast as it answers'
      : `about ${formatDuration(durationMs / parsed.speedup)} at speedup ${parsed.speedup}`;
  io.stderr(`sending to ${target}, ${realLength}\n`);
  let shownRejections = 0;
  const showRejections = (summary: SendSummary): void => {
    for (const line of summary.firstRejections.slice(shownRejections)) {
      io.stderr(`rejected: ${line}\n`);
    }
    shownRejections = summary.firstRejections.length;
  };
  const summary = await sendEvents(simulatedEvents(parsed.simulation), {
    target,
    simulatedStartMs: startMs,
    speedup: parsed.speedup,
    batchSize: parsed.batchSize,
    maxInFlight: parsed.concurrency,
    onProgress: (progress) => {
      showRejections(progress);
      io.stderr(`${progressLine(progress, startMs, durationMs)}\n`);
    },
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    ...(deps.retry === undefined ? {} : { retry: deps.retry }),
  });
  showRejections(summary);
  io.stdout(summaryText(summary));
  return 0;
}

/** One line of progress: events, simulated time reached, answers, speed. */
export function progressLine(progress: SendProgress, startMs: number, durationMs: number): string {
  const events = totalSent(progress);
  const reached = progress.lastSimulatedTs ?? startMs;
  const done = Math.min(100, Math.max(0, ((reached - startMs) / durationMs) * 100));
  const behind =
    progress.behindMs > 1000 ? `, ${(progress.behindMs / 1000).toFixed(1)}s behind pace` : '';
  return (
    `simulate: ${events} events, simulated ${new Date(reached).toISOString()} (${done.toFixed(0)}%), ` +
    `accepted ${progress.accepted}, rejected ${progress.rejected}, ` +
    `${perSecond(events, progress.elapsedMs)} events/s${behind}`
  );
}

/** The final report: what was sent and what the service made of it. */
export function summaryText(summary: SendSummary): string {
  const events = totalSent(summary);
  const { prediction, outcome, deployment } = summary.sent;
  const lines = [
    `sent ${events} events in ${(summary.elapsedMs / 1000).toFixed(1)}s (${perSecond(events, summary.elapsedMs)} events/s): ` +
      `${prediction} predictions, ${outcome} outcomes, ${deployment} deployments; ` +
      `${summary.requests} requests, ${summary.retries} retries`,
    `accepted ${summary.accepted}, rejected ${summary.rejected}`,
    ...Object.entries(summary.rejectedByReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `  rejected ${count}: ${reason}`),
    `predictions without an outcome: ${Math.max(0, prediction - outcome)} (outcomes lost, or due after the simulated end)`,
  ];
  return `${lines.join('\n')}\n`;
}

function totalSent(summary: SendSummary): number {
  return summary.sent.prediction + summary.sent.outcome + summary.sent.deployment;
}

function perSecond(events: number, elapsedMs: number): string {
  return elapsedMs > 0 ? ((events * 1000) / elapsedMs).toFixed(0) : '-';
}

/** Validated arguments, or null when help was asked for. `nowMs` sets the default start. */
export function parseSimulateArgs(args: readonly string[], nowMs: number): SimulateArgs | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        scenario: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        onset: { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        target: { type: 'string' },
        speedup: { type: 'string' },
        batch: { type: 'string' },
        concurrency: { type: 'string' },
        describe: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}; see 'fairwatch simulate --help'`,
      { cause: error },
    );
  }
  const { values } = parsed;
  if (values.help) return null;

  const scenario = values.scenario ?? 'fair';
  if (!isScenarioName(scenario)) {
    throw new UsageError(
      `--scenario must be one of ${SCENARIO_NAMES.join(', ')}; got '${scenario}'`,
    );
  }
  const ratePerSecond = values.rate === undefined ? 10 : parseNumber('--rate', values.rate);
  if (!(ratePerSecond > 0 && ratePerSecond <= 1_000_000)) {
    throw new UsageError(`--rate must be above 0 and at most 1000000, got ${values.rate ?? ''}`);
  }
  const durationMs = durationFlag('--duration', values.duration ?? '1h');
  if (durationMs <= 0)
    throw new UsageError(`--duration must be above 0, got ${values.duration ?? ''}`);
  const onsetAfterMs =
    values.onset === undefined ? undefined : durationFlag('--onset', values.onset);
  if (onsetAfterMs !== undefined && onsetAfterMs >= durationMs) {
    throw new UsageError(
      `--onset ${values.onset ?? ''} must come before the end of the run (--duration ${formatDuration(durationMs)})`,
    );
  }
  const seed = values.seed === undefined ? 1 : parseNumber('--seed', values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UsageError(
      `--seed must be a whole number from 0 to 4294967295, got ${values.seed ?? ''}`,
    );
  }
  const speedup = parseSpeedup(values.speedup ?? '60');
  const batchSize = values.batch === undefined ? 1000 : parseNumber('--batch', values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new UsageError(
      `--batch must be a whole number from 1 to 100000, got ${values.batch ?? ''}`,
    );
  }
  const concurrency =
    values.concurrency === undefined ? 3 : parseNumber('--concurrency', values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 16, got ${values.concurrency ?? ''}`,
    );
  }
  // The default start is on a whole second, so ground-truth times read cleanly.
  const startMs =
    values.start === undefined || values.start === 'now'
      ? Math.floor(
          (values.start === undefined && speedup > 1 ? nowMs - durationMs : nowMs) / 1000,
        ) * 1000
      : parseStart(values.start);
  const target = values.target === undefined ? undefined : parseTarget(values.target);
  return {
    simulation: {
      scenario,
      seed,
      ratePerSecond,
      startMs,
      durationMs,
      ...(onsetAfterMs === undefined ? {} : { onsetAfterMs }),
    },
    target,
    speedup,
    batchSize,
    concurrency,
    describe: values.describe ?? false,
  };
}

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} must be a number, got '${text}'`);
  }
  return value;
}

function durationFlag(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === null)
    throw new UsageError(`${flag} must be a duration like 30m, 6h or 7d; got '${text}'`);
  return ms;
}

function parseSpeedup(text: string): number {
  if (text === 'max') return Infinity;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--speedup must be a number above 0 or 'max', got '${text}'`);
  }
  return value;
}

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseStart(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const match = RFC_3339.exec(text);
  const ms = match === null ? NaN : Date.parse(text);
  // Date.parse rolls 2026-02-30 over into March; RFC 3339 does not.
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (Number.isNaN(ms) || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    throw new UsageError(
      `--start must be RFC 3339 (e.g. 2026-01-31T09:00:00Z), epoch ms or 'now'; got '${text}'`,
    );
  }
  return Math.floor(ms);
}

function parseTarget(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new UsageError(`--target must be a URL like http://127.0.0.1:8080, got '${text}'`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--target must be an http or https URL, got '${text}'`);
  }
  return text.replace(/\/+$/, '');
}
