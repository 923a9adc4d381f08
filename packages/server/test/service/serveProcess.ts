/**
 * `fairwatch serve` as a child process on the built CLI (dist), for the tests that kill it.
 * The tests need `npm run build` first; a missing or stale build fails them with that advice
 * rather than testing old code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(PACKAGES, 'server', 'dist', 'cli', 'main.js');

/** The sources the service runs on, by package folder; whole packages where no folders are named. */
const SERVICE_SOURCES: readonly (readonly [string, readonly string[]])[] = [
  ['core', []],
  ['contracts', []],
  [
    'server',
    [
      'service',
      'ingest',
      'store',
      'windows',
      'evaluation',
      'alerting',
      'http',
      'receivers',
      'config',
      'cli',
    ],
  ],
];

/**
 * Why the build cannot be used for these tests, or null when it can: the CLI is missing, or a
 * source the service runs on is newer than its package's last build (the check `tsc -b` makes).
 */
export function buildProblem(): string | null {
  if (!existsSync(CLI)) return `${CLI} is missing: run 'npm run build' before these tests`;
  for (const [name, folders] of SERVICE_SOURCES) {
    const root = join(PACKAGES, name);
    const buildInfo = join(root, 'tsconfig.tsbuildinfo');
    if (!existsSync(buildInfo)) return `${name} was never built: run 'npm run build' first`;
    const builtAt = statSync(buildInfo).mtimeMs;
    const roots =
      folders.length === 0 ? [join(root, 'src')] : folders.map((f) => join(root, 'src', f));
    for (const source of roots.flatMap(sourcesUnder)) {
      if (statSync(source).mtimeMs > builtAt) {
        return `${relative(PACKAGES, source)} changed after the last build: run 'npm run build' before these tests`;
      }
    }
  }
  return null;
}

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `fairwatch serve` (with `args` after its config and store) and resolves once it listens. */
export async function startServe(
  config: string,
  store: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<ServeProcess> {
  const argv = [CLI, 'serve', '--config', config, '--store', store, ...args];
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`fairwatch serve did not start in time; stderr:\n${stderr}`));
    }, 15_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `fairwatch serve exited (${String(code ?? signal)}) before listening:\n${stderr}`,
        ),
      );
    });
  });
  return { url, child, stderr: () => stderr, exited };
}
