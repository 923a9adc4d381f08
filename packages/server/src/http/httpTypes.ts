/** The HTTP app works on these plain shapes, so it can be tested without opening a port. */
export interface AppRequest {
  readonly method: string;
  /** Path and query, e.g. "/v1/models/loans/metrics?window=1h". */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface AppResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

export function json(status: number, value: unknown): AppResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}
