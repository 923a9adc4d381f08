import type { CliIo } from './cliIo.js';

/**
 * A one-line progress bar on a terminal's stderr, redrawn at most every 100 ms and only after
 * the first second, so short reads print nothing. Time comes in as a function for tests.
 */
export function progressBar(
  io: CliIo,
  label: string,
  now: () => number = () => performance.now(),
): { update: (done: number, total: number) => void; finish: () => void } {
  const start = now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!io.stderrIsTty) return;
      const t = now();
      if (t - start < 1000 || t - lastDraw < 100) return;
      lastDraw = t;
      drawn = true;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const elapsed = ((t - start) / 1000).toFixed(0);
      io.stderr(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${elapsed}s `,
      );
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}
