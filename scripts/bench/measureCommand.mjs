import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * GNU time (Debian package `time`). Its `%M` is the peak resident set size in KiB that the kernel
 * reports through wait4(2) when the measured process exits: exact, however short the peak, and
 * covering any processes the command waits for. Polling /proc from outside would miss peaks.
 */
export const GNU_TIME = '/usr/bin/time';

export class CommandFailedError extends Error {
  constructor(description, exitCode, stderr) {
    super(`${description} exited with code ${exitCode}`);
    this.name = 'CommandFailedError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export function assertGnuTimeAvailable() {
  if (!existsSync(GNU_TIME)) {
    throw new Error(
      `${GNU_TIME} not found: peak RSS is measured with GNU time (apt-get install -y time)`,
    );
  }
}

/**
 * Runs `command args` once under GNU time. Wall time is measured here, from spawn to exit, so it
 * includes process start (as a user running the command would see it).
 * Throws CommandFailedError, with the command's stderr, when it exits non-zero.
 */
export async function measureCommand(command, args, description) {
  const directory = mkdtempSync(join(tmpdir(), 'fairwatch-bench-'));
  const timeFile = join(directory, 'time.txt');
  try {
    const started = performance.now();
    const { exitCode, stdout, stderr } = await run(GNU_TIME, [
      '-f',
      '%M',
      '-o',
      timeFile,
      command,
      ...args,
    ]);
    const wallSeconds = (performance.now() - started) / 1000;
    if (exitCode !== 0) throw new CommandFailedError(description, exitCode, stderr);
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const peakKib = Number(lines.at(-1));
    if (!Number.isFinite(peakKib)) {
      throw new Error(`cannot read GNU time output for ${description}: ${lines.join(' | ')}`);
    }
    return { wallSeconds, peakRssBytes: peakKib * 1024, stdout, stderr };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        exitCode: code ?? `signal ${signal}`,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
