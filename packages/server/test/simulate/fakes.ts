import type { Clock } from '../../src/simulate/pacer.js';
import type { FetchLike } from '../../src/simulate/postBatch.js';

/** A clock whose sleeps advance it at once, recording each wait. */
export function fakeClock(start = 0): Clock & { readonly sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

export interface RecordedRequest {
  readonly url: string;
  readonly at: number;
  readonly contentType: string | null;
  readonly lines: readonly string[];
}

/**
 * A fetch that records each request with the clock's time and answers with `answer`
 * (default: 200, everything accepted).
 */
export function fakeFetch(
  clock: Clock,
  answer: (request: RecordedRequest) => Response | Promise<Response> = (request) =>
    Response.json({ accepted: request.lines.length, rejected: [] }),
): FetchLike & { readonly requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const body = typeof init.body === 'string' ? init.body : '';
    const headers = new Headers(init.headers);
    const request: RecordedRequest = {
      url,
      at: clock.now(),
      contentType: headers.get('content-type'),
      lines: body.split('\n').filter((line) => line !== ''),
    };
    requests.push(request);
    return answer(request);
  };
  return Object.assign(fetch, { requests });
}

/** The value of a string or number field in a line as sent, read back without a JSON cast. */
export function field(line: string, name: string): string {
  const match = new RegExp(`"${name}":"?([^,"}]+)`).exec(line);
  if (match?.[1] === undefined) throw new Error(`no ${name} in ${line}`);
  return match[1];
}
