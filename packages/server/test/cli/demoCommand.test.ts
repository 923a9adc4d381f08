import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness.js';

describe('fairwatch demo', () => {
  it('pages on the canary version of segment s02 and delivers it to the signed webhook', async () => {
    const run = await cli('demo', '--exit', '--speedup', '3000');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /webhook \(signature verified\): FIRING \[page\] loans v2: fpr difference of segment=s02 vs segment=s01/,
    );
    expect(run.stdout).not.toMatch(/FIRING \[page\] loans v1/);
    expect(run.stdout).not.toMatch(/segment=s0[3-9]|segment=s1/);
  }, 120_000);

  it('refuses a seed that is not a whole number with a usage error', async () => {
    const run = await cli('demo', '--seed', 'soon');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--seed must be a whole number of 0 or more');
  });

  it('keeps the batch auditor demo behind --audit', async () => {
    const run = await cli('demo', '--audit');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What was injected');
  }, 60_000);
});
