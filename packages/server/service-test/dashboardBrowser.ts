/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
 * machine needs: no sandbox as root, and no background networking, whose connections the
 * closed network refuses.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { requiredExecutable } from './requiredExecutable.js';

/** Screenshots kept as test artifacts (git ignores test-artifacts/). */
export const SCREENSHOTS = fileURLToPath(
  new URL('../../../test-artifacts/dashboard/', import.meta.url),
);

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: requiredExecutable('chromium'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, `${name}.png`);
}
