import { describe, expect, it } from 'vitest';
import { parseSilence, silenceMatches } from '../../src/alerting/silences.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import { AppClient, HOUR, NOW, bodyJson, useFreshService } from '../service/serviceFixtures.js';

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

const valid = {
  matchers: { slo: 'loans-fpr-parity', group: 'segment=s02' },
  startsAt: new Date(NOW).toISOString(),
  endsAt: new Date(NOW + HOUR).toISOString(),
  createdBy: 'ana',
  comment: 'canary rollback in progress',
};

describe('the silences API', () => {
  it('creates a silence, lists it, and deletes it', () => {
    const created = client.postJson('/v1/silences', valid);
    expect(created.status).toBe(201);
    const body = bodyJson(created);
    expect(body).toMatchObject(valid);
    const id = service.silences()[0]?.id ?? '';
    expect(body).toMatchObject({ id });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect(client.getJson('/v1/silences')).toEqual({ silences: [body] });

    const deleted = client.request('DELETE', `/v1/silences/${id}`);
    expect(deleted.status).toBe(200);
    expect(bodyJson(deleted)).toEqual({ deleted: id });
    expect(client.getJson('/v1/silences')).toEqual({ silences: [] });
    expect(client.request('DELETE', `/v1/silences/${id}`).status).toBe(404);
  });

  it('ends a silence a duration after it starts when it gives a duration instead of an end', () => {
    const body = { ...valid, startsAt: undefined, endsAt: undefined, duration: '4h' };
    expect(client.postJson('/v1/silences', body).status).toBe(201);
    expect(service.silences()[0]).toMatchObject({ startsAt: NOW, endsAt: NOW + 4 * HOUR });
  });

  it('starts a silence now when it names no start', () => {
    const withoutStart = { ...valid, startsAt: undefined };
    expect(client.postJson('/v1/silences', withoutStart).status).toBe(201);
    expect(service.silences()[0]?.startsAt).toBe(NOW);
  });

  it.each([
    [{ ...valid, matchers: undefined }, 'matchers must be an object of label values'],
    [{ ...valid, matchers: {} }, 'matchers must name at least one label'],
    [
      { ...valid, matchers: { team: 'risk' } },
      'matchers.team is not a label; use slo, model, version, attribute, group, metric, severity, fingerprint',
    ],
    [{ ...valid, matchers: { slo: 3 } }, 'matchers.slo must be a string'],
    [{ ...valid, endsAt: 'tomorrow' }, 'endsAt must be an RFC 3339 time (or give a duration)'],
    [{ ...valid, duration: 'a while' }, 'duration must be a duration such as 30m or 4h'],
    [{ ...valid, duration: '0s' }, 'duration must be a duration such as 30m or 4h'],
    [{ ...valid, endsAt: valid.startsAt }, 'endsAt must be after startsAt'],
    [{ ...valid, createdBy: '' }, 'createdBy must name who silences'],
    [[valid], 'a silence must be a JSON object'],
  ])('refuses an invalid silence with 400 and its reason (%#)', (body, reason) => {
    const response = client.postJson('/v1/silences', body);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error: reason });
    expect(service.silences()).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', () => {
    const response = client.request('POST', '/v1/silences', '{matchers');
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error: 'the body is not valid JSON' });
  });

  it('answers 405 for a method a route does not take and 404 for no route', () => {
    expect(client.request('PUT', '/v1/silences').status).toBe(405);
    expect(client.get('/v1/nothing').status).toBe(404);
  });
});

describe('silence matching', () => {
  const silence = parseSilence(valid, 'id-1', NOW);
  if (typeof silence === 'string') throw new Error(silence);
  const labels = { slo: 'loans-fpr-parity', group: 'segment=s02', severity: 'page' };

  it('matches an alert whose labels include every matcher while the silence lasts', () => {
    expect(silenceMatches(silence, labels, NOW)).toBe(true);
    expect(silenceMatches(silence, labels, NOW + HOUR - 1)).toBe(true);
  });

  it('does not match before it starts, from its end on, or when one matcher differs', () => {
    expect(silenceMatches(silence, labels, NOW - 1)).toBe(false);
    expect(silenceMatches(silence, labels, NOW + HOUR)).toBe(false);
    expect(silenceMatches(silence, { ...labels, group: 'segment=s03' }, NOW)).toBe(false);
  });
});
