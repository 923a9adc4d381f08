import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppResponse } from './httpTypes.js';
import { RequestError } from '../errors.js';
import type { App } from './app.js';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves an app on a port. Bodies over `maxBodyBytes` are refused with 413 before they are
 * read to the end, so an oversize request cannot exhaust memory.
 */
export async function listen(
  app: App,
  host: string,
  port: number,
  maxBodyBytes: number,
): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    readBody(req, maxBodyBytes).then(
      (body) => {
        const response =
          body === null
            ? closing(
                app.refuse(
                  new RequestError(
                    'too_large',
                    `the body is larger than ${String(maxBodyBytes)} bytes`,
                  ),
                ),
              )
            : app.handle({
                method: req.method ?? 'GET',
                url: req.url ?? '/',
                headers: headersOf(req),
                body,
              });
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      },
      (error: unknown) => {
        const response = app.refuse(
          new RequestError(
            'bad_request',
            `the body could not be read: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
        );
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${String(address.port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** The response with the connection closed after it: the rest of the body is not read. */
function closing(response: AppResponse): AppResponse {
  return { ...response, headers: { ...response.headers, connection: 'close' } };
}

/** The body, or null when it is over the limit (the rest is discarded unread). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(over ? null : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
