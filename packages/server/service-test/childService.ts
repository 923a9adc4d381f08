/**
 * A real service (Prometheus, Alertmanager) as a child process of the test: started with its
 * output kept for error messages, awaited until its readiness endpoint answers, and stopped
 * by the test's afterAll/afterEach whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pollUntil } from './pollUntil.js';

export interface ChildService {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startChildService(
  name: string,
  executable: string,
  args: readonly string[],
): ChildService {
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A failed spawn (e.g. the executable vanished) is reported through `output` and `exited`.
  child.on('error', (error) => {
    output += `\n${name} could not be started: ${error.message}\n`;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('close', () => {
        resolve();
      });
  });
  return {
    name,
    child,
    output: () => output,
    async stop(graceMs = 5_000): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Waits until `url` answers 200, failing at once (with the service's output) if the process
 * exits first, and after `timeoutMs` otherwise.
 */
export async function waitUntilReady(
  service: ChildService,
  url: string,
  timeoutMs = 30_000,
): Promise<void> {
  await pollUntil(
    `${service.name} to be ready at ${url}`,
    async () => {
      const { exitCode, signalCode } = service.child;
      if (exitCode !== null || signalCode !== null) {
        throw new StartFailure(
          `${service.name} exited (${String(exitCode ?? signalCode)}) before it was ready:\n${service.output()}`,
        );
      }
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return true;
    },
    { timeoutMs, abortOn: (error) => error instanceof StartFailure },
  ).catch((error: unknown) => {
    if (error instanceof StartFailure) throw error;
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${service.name} output:\n${service.output()}`,
      { cause: error },
    );
  });
}

class StartFailure extends Error {}
