import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Flags for a headless Chromium on a machine without network or a sandbox-capable kernel. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const VIEWS = {
  executive: '#/executive',
  oncall: '#/oncall?model=credit&attribute=region&metric=fpr&cohort.region=r02',
  debug: '#/debug?model=credit&attribute=region&cohort.region=r02',
};

/**
 * Milliseconds from asking a fresh page (new browser context: empty cache) for each view until
 * the view shows its data (`[data-view-ready]`), `runs` times per view: median and maximum.
 * Also the API requests (path and query) each view made, so the bench can check that it times
 * the queries the dashboard really makes.
 */
export async function measureViews(baseUrl, runs) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const figures = {};
    for (const [view, hash] of Object.entries(VIEWS)) {
      const times = [];
      const requests = new Set();
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith('/v1/')) requests.add(`${url.pathname}${url.search}`);
        });
        const started = performance.now();
        await page.goto(`${baseUrl}/${hash}`);
        await page.waitForSelector(`[data-view-ready="${view}"]`, { timeout: 60_000 });
        times.push(performance.now() - started);
        await context.close();
      }
      times.sort((a, b) => a - b);
      figures[view] = {
        medianMs: times[Math.floor(times.length / 2)],
        maxMs: times.at(-1),
        requests: [...requests].sort(),
      };
    }
    return figures;
  } finally {
    await browser.close();
  }
}
