import { randomUUID } from 'node:crypto';
import { FairwatchError, RequestError, httpStatusFor } from '../errors.js';
import { parseSilence, silenceBody } from '../alerting/silences.js';
import { eventItems } from '../ingest/eventItems.js';
import type { EventKind } from '../ingest/ingestResult.js';
import type { MonitorService } from '../service/monitorService.js';
import { EXPOSITION_CONTENT_TYPE } from '../telemetry/exposition.js';
import { json, type AppRequest, type AppResponse } from './httpTypes.js';
import { recentIncidents } from '../alerting/incidentHistory.js';
import { cohortEvents } from './cohortEvents.js';
import { cohortFeatures } from './cohortFeatures.js';
import { countParameter, onlyParameters } from './cohortQuery.js';
import { ingestHealth } from './ingestHealth.js';
import { modelDeployments } from './modelDeployments.js';
import { modelMetrics } from './modelMetrics.js';
import { dashboardPage } from './dashboardPage.js';
import { loadDashboardAssets, type DashboardAsset } from './dashboardAssets.js';

/** How long a client is asked to wait after a store failure (disk full, locked). */
const STORE_RETRY_AFTER_SECONDS = 5;

type Handler = (
  request: AppRequest,
  params: readonly string[],
  query: URLSearchParams,
) => AppResponse;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly name: string;
  readonly handler: Handler;
}

/** The HTTP API: `handle` answers a request; `refuse` answers one the socket layer refused. */
export interface App {
  handle(request: AppRequest): AppResponse;
  /** Counts a request refused before it reached a route (e.g. an oversize body) and answers it. */
  refuse(error: FairwatchError): AppResponse;
}

/**
 * The HTTP API as a function from request to response. Only `nodeServer` opens a port; tests
 * call `handle` directly. User errors become a JSON `{"error": ...}` with the status their
 * code maps to, counted by reason; anything else is a 500 that names no internals.
 */
export function createApp(
  service: MonitorService,
  assets: ReadonlyMap<string, DashboardAsset> = loadDashboardAssets(),
): App {
  const refuse = (error: FairwatchError): AppResponse => {
    service.metrics.requestRejections.inc({ reason: error.code });
    const response = json(httpStatusFor(error.code), { error: error.message });
    if (error.code !== 'store') return response;
    // The client is told to retry; the operator gets the store's own words in the log.
    console.error(`${error.message}: ${String(error.cause)}`);
    return {
      ...response,
      headers: { ...response.headers, 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
    };
  };

  const ingest =
    (kind: EventKind): Handler =>
    (request) => {
      const items = eventItems(
        request.body,
        request.headers['content-type'],
        request.headers['content-encoding'],
        service.config.server.maxBodyBytes,
      );
      const result = service.ingest(kind, items);
      return json(200, {
        accepted: result.accepted,
        duplicates: result.duplicates,
        held: result.held,
        rejected: result.rejected.map(({ index, reason }) => ({ index, reason })),
      });
    };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/v1\/predictions$/,
      name: 'predictions',
      handler: ingest('predictions'),
    },
    { method: 'POST', pattern: /^\/v1\/outcomes$/, name: 'outcomes', handler: ingest('outcomes') },
    {
      method: 'POST',
      pattern: /^\/v1\/deployments$/,
      name: 'deployments',
      handler: ingest('deployments'),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/models$/,
      name: 'models',
      handler: () => json(200, { models: modelList(service) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/models\/([^/]+)\/metrics$/,
      name: 'model_metrics',
      handler: (_request, [model], query) =>
        json(200, modelMetrics(service, decodeURIComponent(model!), query)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/models\/([^/]+)\/deployments$/,
      name: 'model_deployments',
      handler: (_request, [model], query) =>
        json(200, modelDeployments(service, decodeURIComponent(model!), query)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/models\/([^/]+)\/events$/,
      name: 'model_events',
      handler: (_request, [model], query) =>
        json(200, cohortEvents(service, decodeURIComponent(model!), query)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/models\/([^/]+)\/features$/,
      name: 'model_features',
      handler: (_request, [model], query) =>
        json(200, cohortFeatures(service, decodeURIComponent(model!), query)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/ingest$/,
      name: 'ingest_health',
      handler: () => json(200, ingestHealth(service)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/incidents$/,
      name: 'incidents',
      handler: (_request, _params, query) => {
        onlyParameters(query, ['limit']);
        const limit = countParameter(query, 'limit', 50, 500);
        return json(200, { incidents: recentIncidents(service.store.incidents, limit) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/slos$/,
      name: 'slos',
      handler: () => json(200, { slos: service.evaluator.sloStatuses(service.clock.now()) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/alerts$/,
      name: 'alerts',
      handler: (_request, _params, query) => {
        const state = query.get('state');
        const alerts = service.alerts().filter((alert) => state === null || alert.state === state);
        return json(200, { alerts });
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/alerts\/([0-9a-f]+)\/ack$/,
      name: 'alert_ack',
      handler: (request, [fingerprint]) => {
        const body = jsonBody(request);
        const by = typeof body === 'object' && body !== null && 'by' in body ? body.by : undefined;
        if (typeof by !== 'string' || by.length === 0)
          throw new RequestError('bad_request', 'by must name who acknowledges');
        if (!service.acknowledge(fingerprint!, by)) {
          throw new RequestError('not_found', `no active alert ${fingerprint!}`);
        }
        return json(200, { acknowledged: fingerprint, by });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/silences$/,
      name: 'silences',
      handler: () => json(200, { silences: service.silences().map(silenceBody) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/silences$/,
      name: 'silence_create',
      handler: (request) => {
        const parsed = parseSilence(jsonBody(request), randomUUID(), service.clock.now());
        if (typeof parsed === 'string') throw new RequestError('bad_request', parsed);
        service.addSilence(parsed);
        return json(201, silenceBody(parsed));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/silences\/([0-9a-f-]+)$/,
      name: 'silence_delete',
      handler: (_request, [id]) => {
        if (!service.removeSilence(id!)) throw new RequestError('not_found', `no silence ${id!}`);
        return json(200, { deleted: id });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/deliveries$/,
      name: 'deliveries',
      handler: () =>
        json(200, {
          deliveries: service.store
            .recentDeliveries(100)
            .map((body) => JSON.parse(body) as unknown),
        }),
    },
    {
      method: 'GET',
      pattern: /^\/metrics$/,
      name: 'metrics',
      handler: () => ({
        status: 200,
        headers: { 'content-type': EXPOSITION_CONTENT_TYPE },
        body: service.metrics.registry.render(),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/healthz$/,
      name: 'healthz',
      handler: () => json(200, { status: 'ok' }),
    },
    {
      method: 'GET',
      pattern: /^\/readyz$/,
      name: 'readyz',
      handler: () =>
        service.ready ? json(200, { status: 'ready' }) : json(503, { status: 'starting' }),
    },
    {
      method: 'GET',
      pattern: /^\/(?:index\.html)?$/,
      name: 'dashboard',
      handler: () => {
        const index = assets.get('/index.html');
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
          body: index?.body ?? dashboardPage(),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/assets\/[A-Za-z0-9._-]+$/,
      name: 'dashboard_asset',
      handler: (request) => {
        const asset = assets.get(new URL(request.url, 'http://fairwatch').pathname);
        if (asset === undefined) throw new RequestError('not_found', 'no such dashboard file');
        return {
          status: 200,
          headers: {
            'content-type': asset.contentType,
            'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
          body: asset.body,
        };
      },
    },
  ];

  return {
    refuse,
    handle(request: AppRequest): AppResponse {
      const began = performance.now();
      const url = new URL(request.url, 'http://fairwatch');
      let routeName = 'unknown';
      try {
        const candidates = routes.filter((route) => route.pattern.test(url.pathname));
        if (candidates.length === 0)
          throw new RequestError('not_found', `no route ${url.pathname}`);
        const route = candidates.find((candidate) => candidate.method === request.method);
        if (route === undefined) {
          return json(405, { error: `${request.method} is not allowed on ${url.pathname}` });
        }
        routeName = route.name;
        const params = route.pattern.exec(url.pathname)!.slice(1);
        return route.handler(request, params, url.searchParams);
      } catch (error) {
        if (error instanceof FairwatchError) return refuse(error);
        console.error(error);
        return json(500, { error: 'internal error; see the server log' });
      } finally {
        service.metrics.requestSeconds.observe(
          { route: routeName },
          (performance.now() - began) / 1000,
        );
      }
    },
  };
}

function jsonBody(request: AppRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8')) as unknown;
  } catch (error) {
    throw new RequestError('bad_request', 'the body is not valid JSON', { cause: error });
  }
}

function modelList(service: MonitorService): unknown[] {
  return service.config.models.map((model) => {
    const statistics = service.statistics.model(model.name);
    return {
      name: model.name,
      threshold: model.threshold,
      attributes: model.attributes,
      intersections: model.intersections.map((attributes) => attributes.join('&')),
      versions: [...(statistics?.versions.values() ?? [])].map((version) => ({
        version: version.version,
        first_seen: Number.isFinite(version.firstSeen)
          ? new Date(version.firstSeen).toISOString()
          : null,
        last_seen: Number.isFinite(version.lastSeen)
          ? new Date(version.lastSeen).toISOString()
          : null,
      })),
    };
  });
}
