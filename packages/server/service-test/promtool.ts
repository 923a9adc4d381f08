import { spawn } from 'node:child_process';
import { requiredExecutable } from './requiredExecutable.js';

export interface PromtoolResult {
  readonly code: number | null;
  /** stdout and stderr together: promtool prints its findings on either, by version. */
  readonly output: string;
}

/** Runs `promtool <args>` with `input` on stdin. */
export function promtool(args: readonly string[], input: string): Promise<PromtoolResult> {
  const child = spawn(requiredExecutable('promtool'), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, output });
    });
    child.stdin.end(input);
  });
}
