import { BATCH_SIZE, eventBodies } from './eventBodies.mjs';
import { postBatches } from './postBatches.mjs';
import { startServer } from './serverProcess.mjs';
import { storeBytes } from './storeBytes.mjs';

/**
 * The server's memory as events accumulate: a fresh server on `store` takes `total`
 * predictions in chunks of `chunk`, each chunk's predictions and then its outcomes (built just
 * before the chunk is sent), and after each chunk its resident set (VmRSS) and peak resident
 * set so far (VmHWM) are read from /proc/<pid>/status. Event times repeat every `chunk`
 * predictions (see eventBodies), so the first chunk creates every statistics bucket the run
 * touches and later chunks only add events: what they add to memory is what events cost it.
 */
export async function measureServerMemory({ store, total, chunk, log }) {
  const runStartMs = Date.now();
  const server = await startServer(store);
  try {
    const idle = server.memory();
    const readings = [];
    for (let first = 0; first < total; first += chunk) {
      const bodies = eventBodies({ first, count: chunk, cycle: chunk, runStartMs });
      const through = (first + chunk).toLocaleString('en-US');
      log(`memory: predictions and outcomes up to ${through} of ${total.toLocaleString('en-US')}`);
      const predictions = await postBatches(
        `${server.url}/v1/predictions`,
        bodies.predictions,
        BATCH_SIZE,
      );
      const outcomes = await postBatches(`${server.url}/v1/outcomes`, bodies.outcomes, BATCH_SIZE);
      readings.push({
        events: first + chunk,
        ...server.memory(),
        sendSeconds: predictions.seconds + outcomes.seconds,
      });
    }
    return { total, chunk, idle, readings, storeBytes: storeBytes(store), server: server.command };
  } finally {
    await server.stop();
  }
}
