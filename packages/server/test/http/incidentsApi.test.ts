/**
 * The incident log through the canary-regression scenario: the page for v2, segment s02
 * fires, is acknowledged and silenced, reads back the same after a restart (which makes no
 * new episode), and resolves once v2 leaves the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '@fairwatch/contracts';
import { MonitorService } from '../../src/service/monitorService.js';
import { runScenario, type ScenarioRun } from '../service/scenarioRun.js';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  bodyJson,
  demoConfig,
  jsonAt,
  jsonListAt,
  tempDir,
  type TempDir,
} from '../service/serviceFixtures.js';

const SIMULATION = {
  scenario: 'canary-regression',
  seed: 1,
  ratePerSecond: 6,
  startMs: NOW - 150 * MINUTE,
  durationMs: 150 * MINUTE,
  onsetAfterMs: HOUR,
} as const;

let dir: TempDir;
let config: ServiceConfig;
let run: ScenarioRun;
let service: MonitorService;
let client: AppClient;

beforeAll(async () => {
  dir = await tempDir();
  config = demoConfig(dir.file('store.db'));
  run = runScenario(config, SIMULATION);
  service = run.service;
  client = new AppClient(service);
}, 60_000);

afterAll(async () => {
  await service.close();
  await dir.remove();
});

function incidents(query = ''): unknown[] {
  return jsonListAt(client.getJson(`/v1/incidents${query}`), 'incidents');
}

function page(): unknown {
  const found = incidents().find((incident) => jsonAt(incident, 'severity') === 'page');
  expect(found).toBeDefined();
  return found;
}

describe('GET /v1/incidents', () => {
  it('lists the page that fired, with its SLO, cohort and summary', () => {
    const fired = run.transitions.find((t) => t.to === 'firing' && t.labels.severity === 'page');
    expect(fired).toBeDefined();
    expect(page()).toEqual({
      fingerprint: fired!.labels.fingerprint,
      episode: 1,
      state: 'firing',
      slo: 'loans-fpr-parity',
      severity: 'page',
      model: 'loans',
      version: 'v2',
      attribute: 'segment',
      cohort: { segment: 's02' },
      compared_with: { segment: 's01' },
      metric: 'fpr',
      summary: expect.stringMatching(
        /^loans v2: fpr difference of segment=s02 vs segment=s01 is /,
      ) as unknown,
      fired_at: new Date(fired!.at).toISOString(),
      resolved_at: null,
      acknowledged_by: null,
      acknowledged_at: null,
      silenced_by: null,
      history: [{ kind: 'fired', ts: new Date(fired!.at).toISOString() }],
    });
    const firings = run.transitions.filter((t) => t.to === 'firing').length;
    expect(incidents()).toHaveLength(firings);
  });

  it('records who acknowledged and who silenced it', () => {
    const fingerprint = String(jsonAt(page(), 'fingerprint'));
    expect(client.postJson(`/v1/alerts/${fingerprint}/ack`, { by: 'ana' }).status).toBe(200);
    const silence = client.postJson('/v1/silences', {
      matchers: { slo: 'loans-fpr-parity', group: 'segment=s02' },
      endsAt: new Date(run.end + 4 * HOUR).toISOString(),
      createdBy: 'bo',
      comment: 'rolling back v2',
    });
    expect(silence.status).toBe(201);
    const now = new Date(service.clock.now()).toISOString();
    expect(page()).toMatchObject({
      acknowledged_by: 'ana',
      acknowledged_at: now,
      silenced_by: 'bo',
      history: [
        { kind: 'fired' },
        { kind: 'acknowledged', ts: now, by: 'ana' },
        { kind: 'silenced', ts: now, by: 'bo' },
      ],
    });
  });

  it('keeps the history across a restart', async () => {
    const before = client.getJson('/v1/incidents');
    await service.close();
    service = new MonitorService(config, { clock: 'event', wall: () => run.end, timers: false });
    service.start();
    client = new AppClient(service);
    expect(client.getJson('/v1/incidents')).toEqual(before);
  });

  it('records the resolution when the comparison leaves the window', () => {
    const resolvedAt = run.end + 3 * HOUR;
    service.evaluate(resolvedAt);
    expect(page()).toMatchObject({
      state: 'resolved',
      resolved_at: new Date(resolvedAt).toISOString(),
      acknowledged_by: 'ana',
    });
    expect(jsonListAt(page(), 'history').map((line) => jsonAt(line, 'kind'))).toEqual([
      'fired',
      'acknowledged',
      'silenced',
      'resolved',
    ]);
  });

  it('answers the most recent episodes first, up to limit', () => {
    const all = incidents();
    expect(incidents('?limit=1')).toEqual(all.slice(0, 1));
    const firedAt = all.map((incident) => String(jsonAt(incident, 'fired_at')));
    expect([...firedAt].sort().reverse()).toEqual(firedAt);
  });

  it.each([
    ['?limit=0', 'limit must be a whole number from 1 to 500'],
    ['?limit=501', 'limit must be a whole number from 1 to 500'],
    ['?state=firing', 'unknown parameter state; use limit'],
  ])('answers 400 with one line for %s', (query, error) => {
    const response = client.get(`/v1/incidents${query}`);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error });
  });
});
