import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { measureEvaluationCycle } from './evaluationCycle.mjs';
import { measureIngestThroughput } from './ingestThroughput.mjs';
import { removeStore } from './serverProcess.mjs';
import { SERVICE_TARGETS, serviceReport } from './serviceReport.mjs';
import { measureServerMemory } from './serverMemory.mjs';

/** How much each figure measures; the smoke run is for CI: a few seconds per figure. */
const SIZES = {
  full: {
    ingestPredictions: 2_000_000,
    memoryChunk: 1_000_000,
    memoryTotal: 10_000_000,
    evaluationHours: 3,
    evaluationRuns: 50,
  },
  smoke: {
    ingestPredictions: 50_000,
    memoryChunk: 100_000,
    memoryTotal: 200_000,
    evaluationHours: 0.5,
    evaluationRuns: 10,
  },
};

/**
 * The monitoring service's figures (issue 3): ingest throughput over HTTP with durable acks,
 * the server's memory as events accumulate, and one evaluation cycle of many SLOs. Returns the
 * report text; the figures are also written to <benchDirectory>/service-results.json.
 */
export async function serviceSection({ smoke, benchDirectory, log }) {
  const sizes = smoke ? SIZES.smoke : SIZES.full;
  const started = performance.now();
  const machine = {
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    loadAverageAtStart: loadavg()[0],
  };
  mkdirSync(benchDirectory, { recursive: true });
  const store = join(benchDirectory, 'ingest.db');
  try {
    const ingest = await measureIngestThroughput({
      store,
      count: sizes.ingestPredictions,
      cycle: sizes.memoryChunk,
      log,
    });
    const memory = await measureServerMemory({
      store,
      total: sizes.memoryTotal,
      chunk: sizes.memoryChunk,
      log,
    });
    log(`evaluation: feeding ${sizes.evaluationHours} h of simulated traffic, then timing`);
    const evaluation = await measureEvaluationCycle({
      hours: sizes.evaluationHours,
      runs: sizes.evaluationRuns,
    });
    const totalSeconds = (performance.now() - started) / 1000;
    const figures = { smoke, machine, ingest, memory, evaluation, totalSeconds };
    writeFileSync(
      join(benchDirectory, 'service-results.json'),
      `${JSON.stringify(
        {
          mode: smoke ? 'smoke' : 'full',
          meaningful: !smoke,
          targets: SERVICE_TARGETS,
          ...figures,
        },
        (_key, value) => (value instanceof Float64Array ? undefined : value),
        2,
      )}\n`,
    );
    return serviceReport(figures);
  } finally {
    removeStore(store);
  }
}
