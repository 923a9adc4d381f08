import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL } from 'node:url';

/** Concurrent keep-alive connections, each with one request in flight at a time. */
export const CONNECTIONS = 4;

/**
 * POSTs each body (NDJSON of `linesPerBody` events) to `url`: CONNECTIONS connections kept
 * alive, each sending its next body as soon as the previous one is answered. Every answer must
 * be a 200 that accepts every line as new (no duplicates, none rejected or held); anything else
 * throws, since a figure for events the server did not take would mean nothing.
 *
 * Returns the wall time from the first send to the last answer, each request's latency (from
 * the request being started to the end of its answer, in ms), and the CPU this process used
 * meanwhile (the client's share of the machine).
 */
export async function postBatches(url, bodies, linesPerBody) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(url);
  const latenciesMs = new Float64Array(bodies.length);
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const lane = async () => {
    while (next < bodies.length) {
      const at = next++;
      const sent = performance.now();
      const answer = await post(agent, target, bodies[at]);
      latenciesMs[at] = performance.now() - sent;
      checkAnswer(answer, linesPerBody, at);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, latenciesMs, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function post(agent, target, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'content-length': body.length },
      },
      (res) => {
        const chunks = [];
        res.setEncoding('utf8');
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: chunks.join('') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function checkAnswer({ status, text }, lines, at) {
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // reported below with the text as it came
  }
  const allNew =
    status === 200 &&
    parsed !== null &&
    parsed.accepted === lines &&
    parsed.duplicates === 0 &&
    parsed.held === 0 &&
    Array.isArray(parsed.rejected) &&
    parsed.rejected.length === 0;
  if (!allNew) {
    throw new Error(
      `request ${at} was not taken whole (expected ${lines} new events): HTTP ${status} ${text.slice(0, 500)}`,
    );
  }
}
