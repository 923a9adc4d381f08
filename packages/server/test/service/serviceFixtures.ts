/**
 * Shared fixtures of the service tests: the shipped demo configuration pointed at a temporary
 * store, a started service on it, requests to `createApp(service).handle` without a port, and
 * the simulator's stream fed in-process in time order.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ServiceConfig } from '@fairwatch/contracts';
import { afterEach, beforeEach } from 'vitest';
import { parseConfig } from '../../src/config/loadConfig.js';
import { createApp } from '../../src/http/app.js';
import type { AppResponse } from '../../src/http/httpTypes.js';
import type { EventKind } from '../../src/ingest/ingestResult.js';
import { MonitorService, type MonitorServiceOptions } from '../../src/service/monitorService.js';
import {
  simulatedEvents,
  type SimulatedEvent,
  type SimulationOptions,
} from '../../src/simulate/simulatedEvents.js';

export const DEMO_CONFIG_PATH = new URL('../../config/demo.yaml', import.meta.url);
export const DEMO_SECRET = 'demo-secret-for-tests';

/** A whole hour, so a window of whole hours ending now is whole minute buckets. */
export const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** The demo configuration as `fairwatch serve --config config/demo.yaml` reads it. */
export function demoConfigText(): string {
  return readFileSync(DEMO_CONFIG_PATH, 'utf8');
}

/**
 * The demo configuration on `store`, without receivers unless `receivers` is true, with
 * whatever else `adjust` changes.
 */
export function demoConfig(
  store: string,
  adjust: (config: ServiceConfig) => ServiceConfig = (config) => config,
  receivers = false,
): ServiceConfig {
  const parsed = parseConfig(demoConfigText(), 'demo.yaml', {
    FAIRWATCH_DEMO_SECRET: DEMO_SECRET,
  });
  return adjust({
    ...parsed,
    server: { ...parsed.server, store },
    receivers: receivers ? parsed.receivers : [],
  });
}

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'fairwatch-service-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** A started service whose wall clock stands at `NOW` unless the options say otherwise. */
export function startedService(
  config: ServiceConfig,
  options: MonitorServiceOptions = {},
): MonitorService {
  const service = new MonitorService(config, {
    clock: 'wall',
    wall: () => NOW,
    timers: false,
    ...options,
  });
  service.start();
  return service;
}

export interface FreshService {
  readonly dir: TempDir;
  readonly service: MonitorService;
  readonly client: AppClient;
}

/**
 * Registers hooks that give each test of the file its own started demo service on a store in
 * a new temporary folder (handed to `use`), and close and remove them after it.
 */
export function useFreshService(use: (fresh: FreshService) => void): void {
  let current: FreshService | undefined;
  beforeEach(async () => {
    const dir = await tempDir();
    const service = startedService(demoConfig(dir.file('store.db')));
    current = { dir, service, client: new AppClient(service) };
    use(current);
  });
  afterEach(async () => {
    if (current === undefined) return;
    await current.service.close();
    await current.dir.remove();
    current = undefined;
  });
}

/**
 * Services started and restarted on one store, for tests of what a restart keeps. Each test
 * gets a new temporary folder and the demo config on a store in it (`config`, which a test may
 * replace before starting); services it starts and has not stopped are closed after it.
 */
export interface RestartableServices {
  readonly dir: TempDir;
  config: ServiceConfig;
  readonly start: (options?: MonitorServiceOptions) => MonitorService;
  /** Closes a service the way a shutdown does: it saves what it holds. */
  readonly stop: (service: MonitorService) => Promise<void>;
  /** Ends a service the way a crash would: what is committed stays, nothing more is saved. */
  readonly crash: (service: MonitorService) => void;
}

/** Registers the hooks behind {@link RestartableServices} and returns the tests' handle. */
export function useRestartableServices(): RestartableServices {
  const open: MonitorService[] = [];
  let dir: TempDir | undefined;
  const forget = (service: MonitorService): void => {
    open.splice(open.indexOf(service), 1);
  };
  const services: RestartableServices = {
    get dir(): TempDir {
      if (dir === undefined) throw new Error('no temporary folder outside a test');
      return dir;
    },
    config: demoConfig(':memory:'),
    start: (options = {}) => {
      const service = startedService(services.config, options);
      open.push(service);
      return service;
    },
    stop: async (service) => {
      forget(service);
      await service.close();
    },
    crash: (service) => {
      forget(service);
      service.store.close();
    },
  };
  beforeEach(async () => {
    dir = await tempDir();
    services.config = demoConfig(dir.file('store.db'));
  });
  afterEach(async () => {
    for (const service of open.splice(0)) await service.close().catch(() => undefined);
    await dir?.remove();
    dir = undefined;
  });
  return services;
}

/** The app of a service with JSON-friendly request helpers. */
export class AppClient {
  readonly app: ReturnType<typeof createApp>;

  constructor(service: MonitorService) {
    this.app = createApp(service);
  }

  request(
    method: string,
    url: string,
    body: Buffer | string = '',
    headers: Record<string, string> = {},
  ): AppResponse {
    return this.app.handle({
      method,
      url,
      headers,
      body: typeof body === 'string' ? Buffer.from(body) : body,
    });
  }

  get(url: string): AppResponse {
    return this.request('GET', url);
  }

  postJson(url: string, value: unknown): AppResponse {
    return this.request('POST', url, JSON.stringify(value), {
      'content-type': 'application/json',
    });
  }

  postNdjson(url: string, lines: readonly string[], gzip = false): AppResponse {
    const text = `${lines.join('\n')}\n`;
    return this.request('POST', url, gzip ? gzipSync(text) : text, {
      'content-type': 'application/x-ndjson',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
  }

  /** The JSON body of a GET that must succeed. */
  getJson(url: string): unknown {
    const response = this.get(url);
    if (response.status !== 200) {
      throw new Error(`GET ${url}: ${String(response.status)} ${bodyText(response)}`);
    }
    return JSON.parse(bodyText(response)) as unknown;
  }

  /** The `/metrics` exposition. */
  metrics(): string {
    return bodyText(this.get('/metrics'));
  }
}

export function bodyText(response: AppResponse): string {
  return typeof response.body === 'string' ? response.body : response.body.toString('utf8');
}

export function bodyJson(response: AppResponse): unknown {
  return JSON.parse(bodyText(response)) as unknown;
}

/** The ingest response body, checked to have the shape the API documents. */
export interface IngestReply {
  readonly accepted: number;
  readonly duplicates: number;
  readonly held: number;
  readonly rejected: readonly { readonly index: number; readonly reason: string }[];
}

export function ingestReply(response: AppResponse): IngestReply {
  if (response.status !== 200) {
    throw new Error(`ingest answered ${String(response.status)}: ${bodyText(response)}`);
  }
  const body = bodyJson(response);
  if (
    typeof body !== 'object' ||
    body === null ||
    !('accepted' in body) ||
    !('duplicates' in body) ||
    !('held' in body) ||
    !('rejected' in body) ||
    typeof body.accepted !== 'number' ||
    typeof body.duplicates !== 'number' ||
    typeof body.held !== 'number' ||
    !Array.isArray(body.rejected)
  ) {
    throw new Error(`not an ingest reply: ${bodyText(response)}`);
  }
  const rejected = body.rejected.map((entry: unknown) => {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !('index' in entry) ||
      !('reason' in entry) ||
      typeof entry.index !== 'number' ||
      typeof entry.reason !== 'string'
    ) {
      throw new Error(`not a rejection: ${JSON.stringify(entry)}`);
    }
    return { index: entry.index, reason: entry.reason };
  });
  return { accepted: body.accepted, duplicates: body.duplicates, held: body.held, rejected };
}

/** The value at `path` inside parsed JSON, or undefined where the path leads nowhere. */
export function jsonAt(value: unknown, ...path: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[step];
  }
  return at;
}

/** The list at `path` inside parsed JSON; a test fails when it is not a list. */
export function jsonListAt(value: unknown, ...path: readonly (string | number)[]): unknown[] {
  const list = jsonAt(value, ...path);
  if (!Array.isArray(list)) throw new Error(`${path.join('.')} is not a list`);
  return list as unknown[];
}

/** The value of one sample of the exposition, or 0 when the series is absent. */
export function sampleValue(exposition: string, name: string, labels: string): number {
  const prefix = labels.length === 0 ? `${name} ` : `${name}{${labels}} `;
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? 0 : Number(line.slice(prefix.length));
}

/** A prediction of the demo model `loans`, with defaults a test can override. */
export function prediction(
  id: string,
  ts: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    model: 'loans',
    version: 'v1',
    ts,
    score: 0.7,
    groups: { segment: 's01', sex: 'F' },
    ...overrides,
  };
}

const INGEST_KIND: Readonly<Record<SimulatedEvent['kind'], EventKind>> = {
  prediction: 'predictions',
  outcome: 'outcomes',
  deployment: 'deployments',
};

/**
 * Feeds a simulated run to the service in-process, in time order: runs of events of one kind,
 * up to `batch` at a time, as a sender would post them. Returns every event fed.
 */
export function feedSimulation(
  service: MonitorService,
  options: SimulationOptions,
  batch = 500,
): SimulatedEvent[] {
  const events = [...simulatedEvents(options)];
  let run: SimulatedEvent[] = [];
  const flush = (): void => {
    const first = run[0];
    if (first === undefined) return;
    const result = service.ingest(
      INGEST_KIND[first.kind],
      run.map((event) => ({ value: event.body })),
    );
    if (result.rejected.length > 0) {
      throw new Error(`the simulation was refused: ${JSON.stringify(result.rejected[0])}`);
    }
    run = [];
  };
  for (const event of events) {
    if (run.length >= batch || (run[0] !== undefined && run[0].kind !== event.kind)) flush();
    run.push(event);
  }
  flush();
  return events;
}

/** What `/v1/models/{model}/metrics` says of a group (or of everything, for `overall`). */
export interface GroupCounts {
  readonly attribute: string;
  readonly attributes: Readonly<Record<string, string | null>>;
  readonly suppressed: boolean;
  /** Labelled predictions. */
  readonly n: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly predictions: number;
  readonly pending: number;
  readonly decisionRate: number | null;
  /** Outcomes per label-lag bin, in bin order. */
  readonly labelLag: readonly number[];
}

function field(record: object, name: string): unknown {
  return (record as Record<string, unknown>)[name];
}

function numberField(record: object, name: string): number {
  const value = field(record, name);
  if (typeof value !== 'number') throw new Error(`${name} is not a number`);
  return value;
}

function objectField(record: object, name: string): object {
  const value = field(record, name);
  if (typeof value !== 'object' || value === null) throw new Error(`${name} is not an object`);
  return value;
}

function arrayField(record: object, name: string): unknown[] {
  const value = field(record, name);
  if (!Array.isArray(value)) throw new Error(`${name} is not a list`);
  return value as unknown[];
}

function groupCounts(raw: unknown): GroupCounts {
  if (typeof raw !== 'object' || raw === null) throw new Error('a group is not an object');
  const attributes = Object.fromEntries(
    Object.entries(objectField(raw, 'attributes')).map(([name, value]: [string, unknown]) => [
      name,
      typeof value === 'string' ? value : null,
    ]),
  );
  const attribute = String(field(raw, 'attribute'));
  if (field(raw, 'suppressed') === true) {
    return {
      attribute,
      attributes,
      suppressed: true,
      n: Number.NaN,
      tp: Number.NaN,
      fp: Number.NaN,
      tn: Number.NaN,
      fn: Number.NaN,
      predictions: Number.NaN,
      pending: Number.NaN,
      decisionRate: null,
      labelLag: [],
    };
  }
  const rate = field(raw, 'decision_rate');
  return {
    attribute,
    attributes,
    suppressed: false,
    n: numberField(raw, 'n'),
    tp: numberField(raw, 'tp'),
    fp: numberField(raw, 'fp'),
    tn: numberField(raw, 'tn'),
    fn: numberField(raw, 'fn'),
    predictions: numberField(raw, 'predictions'),
    pending: numberField(raw, 'pending_labels'),
    decisionRate: typeof rate === 'number' ? rate : null,
    labelLag: arrayField(raw, 'label_lag').map((bin) => {
      if (typeof bin !== 'object' || bin === null) throw new Error('a lag bin is not an object');
      return numberField(bin, 'outcomes');
    }),
  };
}

export interface ModelMetricsView {
  readonly overall: GroupCounts;
  readonly groups: readonly GroupCounts[];
  readonly body: object;
}

/** GET /v1/models/loans/metrics with `query`, read into counts. */
export function modelMetricsOf(client: AppClient, query = 'window=1h'): ModelMetricsView {
  const body = client.getJson(`/v1/models/loans/metrics?${query}`);
  if (typeof body !== 'object' || body === null) throw new Error('metrics is not an object');
  return {
    overall: groupCounts({ ...objectField(body, 'overall'), attribute: '', attributes: {} }),
    groups: arrayField(body, 'groups').map(groupCounts),
    body,
  };
}

/** The overall counts of the last hour. */
export function overallCounts(client: AppClient): GroupCounts {
  return modelMetricsOf(client).overall;
}
