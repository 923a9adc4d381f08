/**
 * The dashboard in a real browser: `fairwatch serve` fed the canary-regression scenario until
 * the FPR SLO pages, then Debian's Chromium opens each view, checks that what it shows matches
 * the API, follows the alert's link, uses the actions, and keeps a screenshot of each view.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertList, incidentList, modelMetrics, type Alert } from '../../web/src/api/types.js';
import type { Decoder } from '../../web/src/api/decode.js';
import { cohortEvents } from '../../web/src/api/debugTypes.js';
import { formatCount, formatEstimate } from '../../web/src/format.js';
import type { ServeProcess } from '../test/service/serveProcess.js';
import { tempDir, type TempDir } from '../test/service/serviceFixtures.js';
import { launchChromium, screenshotPath } from './dashboardBrowser.js';
import {
  PUBLIC_URL,
  simulateCanaryRegression,
  startFairwatch,
  stopFairwatch,
} from './fairwatchUnderTest.js';
import { pollUntil } from './pollUntil.js';

let dir: TempDir | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';

async function api<T>(path: string, decode: Decoder<T>): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${String(response.status)}`);
  return decode(await response.json(), '');
}

async function firingPage(): Promise<Alert> {
  const { alerts } = await api('/v1/alerts', alertList);
  const alert = alerts.find((a) => a.state === 'firing' && a.severity === 'page');
  if (alert === undefined) throw new Error('no firing page');
  return alert;
}

async function openView(hash: string, view: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-view-ready="${view}"]`).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  dir = await tempDir('fairwatch-dashboard-');
  serve = await startFairwatch(dir, { evaluationInterval: '30s', alertmanagerUrl: null });
  base = serve.url;
  await simulateCanaryRegression(serve.url);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
});

afterAll(async () => {
  await browser?.close();
  await stopFairwatch(serve);
  await dir?.remove();
});

describe('the dashboard in Chromium', () => {
  it('shows the executive heatmap with the paged attribute outside its band', async () => {
    await openView('#/executive', 'executive');
    const cell = page
      .locator('table.heatmap tbody tr', { hasText: 'loans' })
      .locator('td.risk')
      .first();
    await expect(cell.getAttribute('class')).resolves.toContain('breach');
    await expect(cell.textContent()).resolves.toContain('firing alert');
    const { incidents } = await api('/v1/incidents', incidentList);
    const fired = incidents.find((incident) => incident.severity === 'page');
    if (fired === undefined) throw new Error('no page in the incident log');
    const section = page.locator('section', { hasText: 'Recent incidents' });
    await expect(section.textContent()).resolves.toContain(fired.summary);
    await page.screenshot({ path: screenshotPath('executive'), fullPage: true });
  });

  it("opens exactly the alert's view from its dashboard link, with the API's numbers", async () => {
    const alert = await firingPage();
    expect(alert.dashboardUrl.startsWith(`${PUBLIC_URL}/#/oncall?`)).toBe(true);
    await openView(alert.dashboardUrl.slice(PUBLIC_URL.length + 1), 'oncall');
    const card = page.locator('article.alert-card', { hasText: 'page' }).first();
    await expect(card.locator('h3').textContent()).resolves.toBe(
      'fpr difference for segment=s02 on loans v2',
    );
    await expect(card.textContent()).resolves.toContain(
      formatEstimate(alert.value, alert.interval),
    );
    await expect(
      page.locator('label', { hasText: 'Group in focus' }).locator('select').inputValue(),
    ).resolves.toBe('segment=s02');
    await expect(
      page.locator('label', { hasText: 'Version' }).locator('select').inputValue(),
    ).resolves.toBe('v2');

    const metrics = await api(
      '/v1/models/loans/metrics?window=6h&attribute=segment&version=v2',
      modelMetrics,
    );
    const s02 = metrics.groups.find((group) => group.attributes['segment'] === 's02');
    if (s02 === undefined) throw new Error('no s02 group');
    const row = page.locator('table.data tbody tr', { hasText: 'segment=s02' });
    await expect(row.locator('td').nth(0).textContent()).resolves.toBe(
      formatEstimate(s02.metrics['fpr']?.value ?? null, s02.metrics['fpr']?.ci ?? null),
    );
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(formatCount(s02.n));
    expect(await page.locator('figure.chart svg path.line').count()).toBe(
      metrics.groups.filter((group) => !group.suppressed).length,
    );
    await expect(page.locator('figure.chart .marker text').allTextContents()).resolves.toContain(
      'canary_start v2',
    );
    await page.screenshot({ path: screenshotPath('oncall'), fullPage: true });
  });

  it('acknowledges and silences the alert from its card, and the card shows who did', async () => {
    const alert = await firingPage();
    await openView(alert.dashboardUrl.slice(PUBLIC_URL.length + 1), 'oncall');
    const card = page.locator('article.alert-card', { hasText: 'page' }).first();
    await card.getByLabel('Your name').fill('ana');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(card.getByRole('status').textContent()).resolves.toBe('Acknowledged.');
    await card.getByRole('button', { name: 'Silence 4h' }).click();
    await pollUntil(
      'the card to show who acknowledged and silenced',
      async () => {
        const text = (await card.textContent()) ?? '';
        if (!text.includes('acknowledged by ana') || !text.includes('silenced by ana'))
          throw new Error(text);
        return text;
      },
      { timeoutMs: 15_000 },
    );
    const after = await firingPage();
    expect(after.acknowledgedBy).toBe('ana');
    expect(after.silencedBy).toBe('ana');
  });

  it('updates live without a reload when the alert changes on the server', async () => {
    await openView('#/executive', 'executive');
    const incidents = page.locator('section', { hasText: 'Recent incidents' });
    await expect(incidents.textContent()).resolves.toContain('acknowledged by ana');
    await expect(incidents.textContent()).resolves.toContain('silenced by ana');
    const alert = await firingPage();
    const response = await fetch(`${base}/v1/alerts/${alert.fingerprint}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'ben' }),
    });
    expect(response.status).toBe(200);
    await pollUntil(
      'the executive view to show the new acknowledgement',
      async () => {
        const text = (await incidents.textContent()) ?? '';
        if (!text.includes('acknowledged by ben')) throw new Error(text);
        return text;
      },
      { timeoutMs: 15_000 },
    );
  });

  it("shows the cohort's confusion matrix with the API's counts in the debug view", async () => {
    await openView(
      '#/debug?model=loans&attribute=segment&version=v2&cohort.segment=s02&window=6h',
      'debug',
    );
    const metrics = await api(
      '/v1/models/loans/metrics?window=6h&attribute=segment&version=v2',
      modelMetrics,
    );
    const s02 = metrics.groups.find((group) => group.attributes['segment'] === 's02');
    if (s02 === undefined) throw new Error('no s02 group');
    const matrix = page.locator('table.confusion').first();
    await expect(matrix.locator('caption').textContent()).resolves.toContain(
      `segment=s02: n=${formatCount(s02.n)} labelled`,
    );
    await expect(matrix.textContent()).resolves.toContain(`TP ${formatCount(s02.tp)}`);
    await expect(matrix.textContent()).resolves.toContain(`FP ${formatCount(s02.fp)}`);
    const { events } = await api(
      '/v1/models/loans/events?group.segment=s02&version=v2&limit=25',
      cohortEvents,
    );
    const newest = events[0];
    if (newest === undefined) throw new Error('no events of s02');
    const firstRow = page.locator('section', { hasText: 'Recent events' }).locator('tbody tr');
    await expect(firstRow.first().textContent()).resolves.toContain(newest.id);
    await expect(
      page.locator('section', { hasText: 'Ingestion health' }).textContent(),
    ).resolves.toContain('nothing rejected');
    const calibration = page.locator('section', { hasText: 'Reliability diagram per group' });
    expect(await calibration.locator('figure.small-chart').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('debug'), fullPage: true });
  });

  it('can be used from the keyboard: skip link first, then the views as links', async () => {
    await page.goto('about:blank');
    await openView('#/executive', 'executive');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toBe('On-call');
    await page.keyboard.press('Enter');
    await page.locator('[data-view-ready="oncall"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash.startsWith('#/oncall')).toBe(true);
  });
});
