import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDashboardAssets } from '../../src/http/dashboardAssets.js';
import { createApp } from '../../src/http/app.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import { useFreshService } from '../service/serviceFixtures.js';

let service: MonitorService;
useFreshService((fresh) => {
  ({ service } = fresh);
});

const built = mkdtempSync(join(tmpdir(), 'fairwatch-web-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>dashboard</title>');
writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
afterAll(() => {
  rmSync(built, { recursive: true, force: true });
});

const get = (app: ReturnType<typeof createApp>, url: string) =>
  app.handle({ method: 'GET', url, headers: {}, body: Buffer.alloc(0) });

describe('the dashboard files', () => {
  it('serves the built index at / without caching and hashed assets cached for good', () => {
    const app = createApp(service, loadDashboardAssets(built));
    const index = get(app, '/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(String(index.body)).toContain('<title>dashboard</title>');
    const script = get(app, '/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(String(script.body)).toBe('console.log(1)');
  });

  it('answers 404 for a file that is not part of the build, and never reads outside it', () => {
    const app = createApp(service, loadDashboardAssets(built));
    expect(get(app, '/assets/missing.js').status).toBe(404);
    expect(get(app, '/assets/..%2Fpackage.json').status).toBe(404);
    expect(get(app, '/../package.json').status).toBe(404);
  });

  it('says the dashboard is not built, and where the API is, when there is no build', () => {
    const app = createApp(service, loadDashboardAssets(join(built, 'nowhere')));
    const page = get(app, '/');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('npm run build');
    expect(String(page.body)).toContain('/v1/alerts');
  });
});
