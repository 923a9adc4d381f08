import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly lines: readonly string[];
  readonly status: number;
}

export type Answer = (
  request: Omit<ReceivedRequest, 'status'>,
) => Promise<{ status: number; body: unknown }> | { status: number; body: unknown };

/** A real local HTTP server that records every request and answers with `answer`. */
export async function recordingServer(answer: Answer): Promise<{
  readonly url: string;
  readonly received: ReceivedRequest[];
  readonly connections: () => number;
  readonly close: () => Promise<void>;
}> {
  const received: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        lines: Buffer.concat(chunks)
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      };
      void Promise.resolve(answer(request)).then(({ status, body }) => {
        received.push({ ...request, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
