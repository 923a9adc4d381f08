import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '@fairwatch/contracts';
import type { DeliveryClock } from '../../src/receivers/deliveryClock.js';
import type { Notification } from '../../src/receivers/notification.js';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  readonly raw: Buffer;
}

export type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | 'hang';

export interface TestServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free local port. `reply` decides each response from the request and
 * its index (0 for the first); 'hang' never answers.
 */
export async function startServer(
  reply: (request: ReceivedRequest, index: number) => Reply | Promise<Reply>,
): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw: Buffer.concat(chunks),
      };
      const index = requests.length;
      requests.push(request);
      void Promise.resolve(reply(request, index)).then((answer) => {
        if (answer === 'hang') {
          hanging.push(res);
          return;
        }
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? '');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A URL on which nothing listens: a port that was just bound and released. */
export async function refusedUrl(): Promise<string> {
  const server = await startServer(() => ({ status: 200 }));
  await server.close();
  return server.url;
}

/** A clock that starts at a fixed instant and moves only when slept on, without waiting. */
export function fakeClock(startMs = Date.UTC(2026, 10, 26, 12, 0, 0)): {
  readonly clock: DeliveryClock;
  readonly sleeps: number[];
} {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    clock: {
      now: () => now,
      sleep: (ms) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    },
    sleeps,
  };
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    fingerprint: '9f2c4e1a7b3d5f60',
    slo: 'fpr-parity-race',
    severity: 'page',
    state: 'firing',
    model: 'credit',
    version: 'v7',
    attribute: 'race',
    group: { attributes: { race: 'Black' }, n: 1200, value: 0.21 },
    comparedWith: { attributes: { race: 'White' }, n: 3400, value: 0.12 },
    metric: 'false_positive_rate',
    kind: 'difference',
    value: 0.09,
    interval: [0.0523, 0.1281],
    band: [-0.05, 0.05],
    burnRates: { '1h': 16.2, '5m': 20.1 },
    errorBudgetRemaining: 0.35,
    activeAt: '2026-11-26T11:40:00.000Z',
    firedAt: '2026-11-26T11:45:00.000Z',
    resolvedAt: null,
    acknowledgedBy: null,
    silencedBy: null,
    recentDeployments: [],
    runbookUrl: 'https://runbooks.example/fairness/fpr-parity',
    dashboardUrl: 'http://fairwatch.example/models/credit?slo=fpr-parity-race',
    summary: 'FPR gap for race=Black vs race=White is outside its band on credit v7',
    ...overrides,
  };
}

export function makeNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    receiver: 'hooks',
    groupKey: 'credit/fpr-parity-race',
    status: 'firing',
    alerts: [makeAlert()],
    ...overrides,
  };
}

/** A random source that always returns `value`, so jittered delays are predictable. */
export function constantRandom(value: number): () => number {
  return () => value;
}
