import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';
import { CommandFailedError } from '../measureCommand.mjs';

const FAIRWATCH_CLI = fileURLToPath(
  new URL('../../../packages/server/dist/cli/main.js', import.meta.url),
);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BENCH_CONFIG = fileURLToPath(new URL('./loans.yaml', import.meta.url));
/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat (USER_HZ). */
const CLOCK_TICKS_PER_SECOND = 100;
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * `fairwatch serve` as a child process on a fresh store (the file and its WAL are deleted
 * first), on a port the operating system picks. Resolves once the server says it listens.
 */
export async function startServer(store, { config = BENCH_CONFIG, extraArgs = [] } = {}) {
  removeStore(store);
  const args = [FAIRWATCH_CLI, 'serve', '--config', config, '--store', store, ...extraArgs];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? `signal ${signal}`));
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new CommandFailedError('fairwatch serve (no "listening" within 30 s)', '-', stderr));
    }, STARTUP_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      stderr += text;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('error', reject);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new CommandFailedError('fairwatch serve (before listening)', code, stderr));
    });
  });
  const pid = child.pid;
  return {
    pid,
    url,
    /** The command line, with paths relative to the repository root. */
    command: [
      'node',
      ...args.map((arg) => (arg.startsWith('/') ? relative(REPO_ROOT, arg) : arg)),
    ].join(' '),
    /** User + system CPU seconds the server has used so far. */
    cpuSeconds: () => {
      // /proc/<pid>/stat: the command name is in parentheses; utime and stime are fields 14 and
      // 15, i.e. the 12th and 13th after the closing parenthesis.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    /** Resident set size now (VmRSS) and its peak so far (VmHWM), in bytes. */
    memory: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
      return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
    },
    /** SIGTERM, which drains and commits; throws unless the server then exits with 0. */
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new CommandFailedError('fairwatch serve', code, stderr);
    },
  };
}

export function removeStore(store) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${store}${suffix}`, { force: true });
}
