import type { Decoder } from './decode.js';

/** An API answer the dashboard can show: the error text is the server's one-line message. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T; readonly at: number }
  | { readonly state: 'error'; readonly error: string; readonly status: number | null };

export async function getJson<T>(path: string, decode: Decoder<T>): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(errorText(body, response.status), response.status);
  return decode(body, '');
}

export async function postJson(path: string, payload: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(errorText(body, response.status), response.status);
  return body;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function errorText(body: unknown, status: number): string {
  if (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'string'
  )
    return body.error;
  return `HTTP ${String(status)}`;
}

/** Builds `/v1/...?a=b` from parts, leaving out nulls. */
export function apiPath(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text.length > 0 ? `${path}?${text}` : path;
}
