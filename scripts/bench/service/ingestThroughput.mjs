import { performance } from 'node:perf_hooks';
import { BATCH_SIZE, eventBodies } from './eventBodies.mjs';
import { nearestRank } from './nearestRank.mjs';
import { postBatches } from './postBatches.mjs';
import { startServer } from './serverProcess.mjs';
import { storeBytes } from './storeBytes.mjs';

/**
 * Ingest throughput of `fairwatch serve` over HTTP: a fresh server on `store` takes `count`
 * predictions (bodies of BATCH_SIZE, built beforehand), then their outcomes. Each phase's rate
 * is events over the wall time from its first send to its last answer; an answer comes only
 * after the server's SQLite transaction has committed (durable acknowledgement).
 */
export async function measureIngestThroughput({ store, count, cycle, log }) {
  log(`ingest: building ${count.toLocaleString('en-US')} predictions and outcomes as NDJSON`);
  const built = performance.now();
  const bodies = eventBodies({ first: 0, count, cycle, runStartMs: Date.now() });
  const buildSeconds = (performance.now() - built) / 1000;
  const server = await startServer(store);
  try {
    const phases = {};
    for (const kind of ['predictions', 'outcomes']) {
      log(`ingest: POST /v1/${kind}, ${bodies[kind].length.toLocaleString('en-US')} requests`);
      const serverCpuBefore = server.cpuSeconds();
      const sent = await postBatches(`${server.url}/v1/${kind}`, bodies[kind], BATCH_SIZE);
      const serverCpuSeconds = server.cpuSeconds() - serverCpuBefore;
      const sorted = Float64Array.from(sent.latenciesMs).sort();
      phases[kind] = {
        events: count,
        requests: bodies[kind].length,
        seconds: sent.seconds,
        eventsPerSecond: count / sent.seconds,
        latencyMs: { p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99) },
        // Shares of one core over the phase's wall time.
        clientCpu: sent.clientCpuSeconds / sent.seconds,
        serverCpu: serverCpuSeconds / sent.seconds,
        // What one core could take if the server had it to itself: less sensitive to other load.
        eventsPerServerCpuSecond: count / serverCpuSeconds,
      };
    }
    const bytes = storeBytes(store);
    return {
      count,
      batchSize: BATCH_SIZE,
      bodyBytes: {
        predictions: bodies.predictions[0].length,
        outcomes: bodies.outcomes[0].length,
      },
      buildSeconds,
      server: server.command,
      storeBytes: bytes,
      ...phases,
    };
  } finally {
    await server.stop();
  }
}
