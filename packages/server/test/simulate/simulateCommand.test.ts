import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliIo.js';
import { simulateCommand, type SimulateDeps } from '../../src/cli/simulateCommand.js';
import { exitCodeFor, FairwatchError } from '../../src/errors.js';
import { recordingServer } from './recordingServer.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** Runs the command as runCli would: a FairwatchError becomes one line and its exit code. */
async function simulate(
  args: string[],
  deps: SimulateDeps = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTty: false,
  };
  try {
    const code = await simulateCommand(args, io, { wallClock: () => NOW, ...deps });
    return { code, stdout, stderr };
  } catch (error) {
    if (!(error instanceof FairwatchError)) throw error;
    stderr += `fairwatch simulate: ${error.message}\n`;
    return { code: exitCodeFor(error.code), stdout, stderr };
  }
}

function describedJson(stdout: string): { start: string; end: string; incident: unknown } {
  const parsed: unknown = JSON.parse(stdout);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('start' in parsed) ||
    !('end' in parsed) ||
    !('incident' in parsed) ||
    typeof parsed.start !== 'string' ||
    typeof parsed.end !== 'string'
  ) {
    throw new Error('not a scenario description');
  }
  return { start: parsed.start, end: parsed.end, incident: parsed.incident };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('fairwatch simulate: usage', () => {
  it('prints its usage for --help', async () => {
    const result = await simulate(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: fairwatch simulate --target URL/);
    expect(result.stdout).toContain(
      'fair | canary-regression | vendor-drift | label-lag | small-cohort',
    );
  });

  it.each([
    [
      ['--bogus'],
      /^fairwatch simulate: Unknown option '--bogus'.*; see 'fairwatch simulate --help'\n$/,
    ],
    [['extra'], /^fairwatch simulate: Unexpected argument 'extra'/],
    [
      ['--scenario', 'chaos'],
      /--scenario must be one of fair, canary-regression, vendor-drift, label-lag, small-cohort; got 'chaos'/,
    ],
    [['--rate', '0'], /--rate must be above 0 and at most 1000000, got 0/],
    [['--rate', 'fast'], /--rate must be a number, got 'fast'/],
    [['--duration', '5x'], /--duration must be a duration like 30m, 6h or 7d; got '5x'/],
    [['--duration', '0s'], /--duration must be above 0, got 0s/],
    [
      ['--duration', '1h', '--onset', '2h'],
      /--onset 2h must come before the end of the run \(--duration 1h\)/,
    ],
    [['--seed=-1'], /--seed must be a whole number from 0 to 4294967295, got -1/],
    [['--seed', '4294967296'], /--seed must be a whole number from 0 to 4294967295/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--speedup', '0'], /--speedup must be a number above 0 or 'max', got '0'/],
    [['--speedup', 'fastest'], /--speedup must be a number above 0 or 'max', got 'fastest'/],
    [['--batch', '0'], /--batch must be a whole number from 1 to 100000, got 0/],
    [['--concurrency', '99'], /--concurrency must be a whole number from 1 to 16, got 99/],
    [
      ['--start', 'yesterday'],
      /--start must be RFC 3339 \(e\.g\. 2026-01-31T09:00:00Z\), epoch ms or 'now'; got 'yesterday'/,
    ],
    [['--start', '2026-02-30'], /--start must be RFC 3339/],
    [['--start', '2026-02-30T00:00:00Z'], /--start must be RFC 3339/],
    [
      ['--target', 'not a url'],
      /--target must be a URL like http:\/\/127\.0\.0\.1:8080, got 'not a url'/,
    ],
    [['--target', 'ftp://host'], /--target must be an http or https URL, got 'ftp:\/\/host'/],
    [[], /--target URL is required \(or --describe to send nothing\)/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const result = await simulate(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('fairwatch simulate --describe', () => {
  it('ends the run at now, on a whole second, by default (speedup above 1)', async () => {
    const result = await simulate(
      ['--describe', '--scenario', 'canary-regression', '--duration', '6h'],
      { wallClock: () => NOW + 999 },
    );
    expect(describedJson(result.stdout).end).toBe('2026-03-01T12:00:00.000Z');
  });

  it('gives the ground truth of the canary regression', async () => {
    const result = await simulate([
      '--describe',
      '--scenario',
      'canary-regression',
      '--duration',
      '6h',
    ]);
    expect(result.code).toBe(0);
    const described = describedJson(result.stdout);
    expect(described.start).toBe('2026-03-01T06:00:00.000Z');
    expect(described.end).toBe('2026-03-01T12:00:00.000Z');
    expect(described.incident).toMatchObject({
      onset: '2026-03-01T08:00:00.000Z',
      version: 'v2',
      cohort: { attribute: 'segment', group: 's02' },
      metric: 'fpr',
      before: 0.1,
      after: 0.2,
    });
  });

  it('starts now at speedup 1, and where --start says', async () => {
    const realTime = describedJson((await simulate(['--describe', '--speedup', '1'])).stdout);
    expect(realTime.start).toBe('2026-03-01T12:00:00.000Z');
    const explicit = describedJson((await simulate(['--describe', '--start', 'now'])).stdout);
    expect(explicit.start).toBe('2026-03-01T12:00:00.000Z');
    const given = describedJson(
      (await simulate(['--describe', '--start', '2025-12-31T23:00:00+01:00'])).stdout,
    );
    expect(given.start).toBe('2025-12-31T22:00:00.000Z');
    const epoch = describedJson((await simulate(['--describe', '--start', '0'])).stdout);
    expect(epoch.start).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('fairwatch simulate --target', () => {
  it('prints the ground truth, sends the stream and prints what the service made of it', async () => {
    const server = await recordingServer((request) => {
      const rejected = request.path === '/v1/outcomes' ? [{ index: 0, reason: 'too late' }] : [];
      return { status: 200, body: { accepted: request.lines.length - rejected.length, rejected } };
    });
    close = server.close;
    const result = await simulate([
      '--scenario',
      'vendor-drift',
      '--duration',
      '10m',
      '--rate',
      '5',
      '--speedup',
      'max',
      '--batch',
      '400',
      '--target',
      server.url,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^scenario vendor-drift \(seed 1\)/);
    expect(result.stdout).toContain(
      'ground truth: vendor drift\n  onset 2026-03-01T11:53:20.000Z\n  version v1, cohort segment=s03\n',
    );
    expect(result.stdout).toMatch(
      /^sent \d+ events in [\d.]+s \(\d+ events\/s\): \d+ predictions, \d+ outcomes, 1 deployments; \d+ requests, 0 retries$/m,
    );
    const outcomeRequests = server.received.filter((r) => r.path === '/v1/outcomes').length;
    expect(result.stdout).toContain(`  rejected ${outcomeRequests}: too late\n`);
    expect(result.stderr).toContain(`sending to ${server.url}, as fast as it answers\n`);
    expect(result.stderr).toMatch(/^rejected: outcome \{"id":"vendor-drift-1-\d+".*\}: too late$/m);
    const predictions = server.received
      .filter((r) => r.path === '/v1/predictions')
      .reduce((n, r) => n + r.lines.length, 0);
    expect(predictions).toBeGreaterThan(2700);
    expect(predictions).toBeLessThan(3300);
  });

  it('exits 2 with one line when the target cannot be reached', async () => {
    const server = await recordingServer(() => ({ status: 200, body: {} }));
    const url = server.url;
    await server.close();
    const result = await simulate(['--target', url, '--speedup', 'max', '--duration', '1m'], {
      retry: { attempts: 2, firstDelayMs: 1, maxDelayMs: 1 },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^fairwatch simulate: cannot reach ${url}/v1/deployments \\(2 attempts\\): ECONNREFUSED`,
        'm',
      ),
    );
  });
});
