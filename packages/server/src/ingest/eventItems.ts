import { gunzipSync } from 'node:zlib';
import { RequestError } from '../errors.js';

/** One item of a request body: the parsed value, or why the item could not be parsed. */
export type EventItem = { readonly value: unknown } | { readonly malformed: string };

/**
 * The items of an ingest body: one JSON object, a JSON array, or NDJSON (one object per
 * line), optionally gzip-compressed. A malformed NDJSON line is a malformed item and the other
 * lines still count; a body that is not JSON at all is refused as a whole.
 */
/**
 * Types whose body is read as JSON or NDJSON by its shape. `curl -d` labels every body
 * application/x-www-form-urlencoded, so a user trying the API by hand is not refused.
 */
const SNIFFED_TYPES = new Set([
  '',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
]);

export function eventItems(
  body: Buffer,
  contentType: string | undefined,
  contentEncoding: string | undefined,
  maxBytes: number,
): EventItem[] {
  const text = decode(body, contentEncoding, maxBytes);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const ndjson =
    type === 'application/x-ndjson' ||
    type === 'application/ndjson' ||
    type === 'application/jsonl';
  if (!ndjson && !SNIFFED_TYPES.has(type)) {
    throw new RequestError(
      'unsupported_media',
      `content-type ${type} is not read; send application/json or application/x-ndjson`,
    );
  }
  const trimmed = text.trimStart();
  if (trimmed.length === 0) throw new RequestError('bad_request', 'the body is empty');
  if (!ndjson) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed)
        ? parsed.map((value: unknown) => ({ value }))
        : [{ value: parsed }];
    } catch (error) {
      if (trimmed.startsWith('[') || !text.includes('\n')) {
        throw new RequestError(
          'bad_request',
          `the body is not valid JSON: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
  }
  return ndjsonItems(text);
}

function ndjsonItems(text: string): EventItem[] {
  const items: EventItem[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line.length === 0) continue;
    try {
      items.push({ value: JSON.parse(line) as unknown });
    } catch (error) {
      items.push({ malformed: `malformed JSON: ${(error as Error).message}` });
    }
  }
  return items;
}

function decode(body: Buffer, contentEncoding: string | undefined, maxBytes: number): string {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body.toString('utf8');
  if (encoding !== 'gzip') {
    throw new RequestError(
      'unsupported_media',
      `content-encoding ${encoding} is not read; send gzip or none`,
    );
  }
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RequestError('too_large', `the body inflates past ${String(maxBytes)} bytes`, {
        cause: error,
      });
    }
    throw new RequestError(
      'bad_request',
      `the body is not valid gzip: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
