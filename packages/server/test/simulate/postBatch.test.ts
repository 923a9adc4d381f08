import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  backoffDelay,
  parseIngestResponse,
  postBatch,
  type PostOptions,
} from '../../src/simulate/postBatch.js';
import { fakeClock, fakeFetch } from './fakes.js';

const URL = 'http://fairwatch.test/v1/predictions';
const RETRY = { attempts: 4, firstDelayMs: 100, maxDelayMs: 250 };

function setup(answers: (() => Response | Promise<Response>)[]) {
  const clock = fakeClock();
  let call = 0;
  const fetch = fakeFetch(clock, () => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    if (answer === undefined) throw new Error('no answer');
    return answer();
  });
  const options: PostOptions = { fetch, clock, retry: RETRY, timeoutMs: 1000 };
  return { clock, fetch, options };
}

const ok =
  (accepted: number, rejected: unknown[] = []) =>
  () =>
    Response.json({ accepted, rejected });

describe('postBatch', () => {
  it('posts NDJSON and returns the counts the service answers', async () => {
    const { fetch, options } = setup([ok(1, [{ index: 1, reason: 'duplicate id' }])]);
    const result = await postBatch(URL, '{"a":1}\n{"a":2}\n', 2, options);
    expect(result).toEqual({
      accepted: 1,
      rejected: [{ index: 1, reason: 'duplicate id' }],
      attempts: 1,
    });
    expect(fetch.requests).toEqual([
      { url: URL, at: 0, contentType: 'application/x-ndjson', lines: ['{"a":1}', '{"a":2}'] },
    ]);
  });

  it('retries a 503, a 429 and a connection error with exponential backoff', async () => {
    const refused = () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    };
    const { clock, fetch, options } = setup([
      () => Response.json({ error: 'draining' }, { status: 503 }),
      () => new Response('slow down', { status: 429 }),
      refused,
      ok(3),
    ]);
    const result = await postBatch(URL, 'x\ny\nz\n', 3, options);
    expect(result).toEqual({ accepted: 3, rejected: [], attempts: 4 });
    expect(clock.sleeps).toEqual([100, 200, 250]);
    expect(fetch.requests.map((r) => r.at)).toEqual([0, 100, 300, 550]);
  });

  it('gives up with an InputError naming the last answer when the attempts run out', async () => {
    const { options } = setup([() => Response.json({ error: 'database locked' }, { status: 500 })]);
    await expect(postBatch(URL, 'x\n', 1, options)).rejects.toThrow(
      new InputError(`${URL} answered 500 4 times, the last: database locked`),
    );
  });

  it('says why a target cannot be reached, keeping the cause', async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const { options } = setup([
      () => {
        throw new TypeError('fetch failed', { cause });
      },
    ]);
    const error: unknown = await postBatch(URL, 'x\n', 1, options).catch((e: unknown) => e);
    if (!(error instanceof InputError)) throw new Error('expected an InputError');
    expect(error.message).toBe(
      `cannot reach ${URL} (4 attempts): ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9`,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('counts every item of a batch refused with 400 as rejected, and goes on', async () => {
    const { options } = setup([() => Response.json({ error: 'not NDJSON' }, { status: 400 })]);
    expect(await postBatch(URL, 'x\ny\n', 2, options)).toEqual({
      accepted: 0,
      rejected: [
        { index: 0, reason: 'HTTP 400: not NDJSON' },
        { index: 1, reason: 'HTTP 400: not NDJSON' },
      ],
      attempts: 1,
    });
  });

  it('stops at once on a 404 or a 413, with a hint for the latter', async () => {
    await expect(
      postBatch(URL, 'x\n', 1, setup([() => new Response('nope', { status: 404 })]).options),
    ).rejects.toThrow(`${URL} answered 404: nope`);
    await expect(
      postBatch(
        URL,
        'x\n',
        1,
        setup([() => Response.json({ error: 'body too large' }, { status: 413 })]).options,
      ),
    ).rejects.toThrow(`${URL} answered 413: body too large (try a smaller --batch)`);
  });

  it('refuses a 200 that is not an ingest answer', async () => {
    await expect(
      postBatch(URL, 'x\n', 1, setup([() => new Response('<html>hello</html>')]).options),
    ).rejects.toThrow(
      /without \{"accepted": N, "rejected": \[\.\.\.\]\}: is it a fairwatch service\?/,
    );
  });
});

describe('backoffDelay', () => {
  it('doubles from the first delay up to the cap', () => {
    const policy = { attempts: 8, firstDelayMs: 250, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(policy, a))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });
});

describe('parseIngestResponse', () => {
  it('accepts the documented shape', () => {
    expect(
      parseIngestResponse({ accepted: 2, rejected: [{ index: 0, reason: 'bad ts' }] }),
    ).toEqual({
      accepted: 2,
      rejected: [{ index: 0, reason: 'bad ts' }],
    });
  });

  it('returns null for anything else', () => {
    for (const value of [
      null,
      'ok',
      [],
      { accepted: 1 },
      { rejected: [] },
      { accepted: -1, rejected: [] },
      { accepted: 1.5, rejected: [] },
      { accepted: '1', rejected: [] },
      { accepted: 1, rejected: {} },
      { accepted: 1, rejected: [{ index: 0 }] },
      { accepted: 1, rejected: [{ index: '0', reason: 'x' }] },
      { accepted: 1, rejected: [null] },
    ]) {
      expect(parseIngestResponse(value), JSON.stringify(value)).toBeNull();
    }
  });
});
