import { parseDuration } from '@fairwatch/contracts';
import { RequestError } from '../errors.js';

/**
 * The time range of a query: `from` and `to` (RFC 3339 or epoch ms; `to` defaults to now), or
 * `window` (a duration, default 1h) ending at `to`.
 */
export function timeRange(query: URLSearchParams, now: number): { from: number; to: number } {
  const windowText = query.get('window');
  const fromText = query.get('from');
  const toText = query.get('to');
  const to = toText === null ? now : parseTime(toText, 'to');
  let from: number;
  if (fromText !== null) from = parseTime(fromText, 'from');
  else {
    const window = parseDuration(windowText ?? '1h');
    if (window === null || window <= 0)
      throw new RequestError(
        'bad_request',
        `window ${windowText ?? ''} is not a duration such as 15m or 1h`,
      );
    from = to - window;
  }
  if (from >= to) throw new RequestError('bad_request', 'from must be before to');
  return { from, to };
}

/** A query time: RFC 3339 or epoch milliseconds; `name` is the parameter, for the message. */
export function parseTime(text: string, name: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms))
    throw new RequestError('bad_request', `${name} must be RFC 3339 or epoch milliseconds`);
  return ms;
}
