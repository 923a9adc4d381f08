import { CONNECTIONS } from './postBatches.mjs';

/** Targets from issue 3. */
export const SERVICE_TARGETS = {
  predictionsPerSecond: 50_000,
  /** "Flat" memory, made checkable: RSS after the last checkpoint at most this times the first. */
  rssGrowthFactor: 1.2,
  evaluationMs: 100,
};

/** The service section's report: a table of figures with their targets, then how measured. */
export function serviceReport({ smoke, machine, ingest, memory, evaluation, totalSeconds }) {
  const title = smoke
    ? 'fairwatch service benchmark: SMOKE RUN (figures NOT meaningful, code paths only)'
    : 'fairwatch service benchmark (issue 3)';
  const first = memory.readings[0];
  const last = memory.readings.at(-1);
  const rssBound = first.rssBytes * SERVICE_TARGETS.rssGrowthFactor;
  const comparisons = evaluation.comparisons.reference + evaluation.comparisons.betweenGroups;
  const rows = [
    ingestRow('predictions', ingest.predictions, SERVICE_TARGETS.predictionsPerSecond),
    ingestRow('outcomes', ingest.outcomes, null),
    latencyRow('predictions', ingest),
    latencyRow('outcomes', ingest),
    cpuRow('predictions', ingest.predictions),
    cpuRow('outcomes', ingest.outcomes),
    [
      `server RSS after ${count(first.events)} predictions + outcomes`,
      `${megabytes(first.rssBytes)} (peak so far ${megabytes(first.peakRssBytes)})`,
      '',
      '',
    ],
    [
      `server RSS after ${count(last.events)} predictions + outcomes`,
      `${megabytes(last.rssBytes)} (peak so far ${megabytes(last.peakRssBytes)})`,
      `flat: <= ${SERVICE_TARGETS.rssGrowthFactor} x after ${count(first.events)} = ${megabytes(rssBound)}`,
      verdict(last.rssBytes <= rssBound),
    ],
    [
      `evaluation cycle, ${evaluation.slos} SLOs x ${evaluation.cohorts} cohorts: median`,
      `${evaluation.medianMs.toFixed(1)} ms (of ${evaluation.runs} runs)`,
      `< ${SERVICE_TARGETS.evaluationMs} ms`,
      verdict(evaluation.medianMs < SERVICE_TARGETS.evaluationMs),
    ],
    [
      `evaluation cycle, ${evaluation.slos} SLOs x ${evaluation.cohorts} cohorts: p99`,
      `${evaluation.p99Ms.toFixed(1)} ms (nearest rank of ${evaluation.runs} runs)`,
      `< ${SERVICE_TARGETS.evaluationMs} ms`,
      verdict(evaluation.p99Ms < SERVICE_TARGETS.evaluationMs),
    ],
  ];
  const series = memory.readings.map((r) => (r.rssBytes / 1e6).toFixed(0)).join(', ');
  const referenceSlos = evaluation.slos - evaluation.betweenGroupsSlos;
  return `${[
    title,
    '='.repeat(title.length),
    `machine: ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB, node ${machine.node}; 1-minute load average at the section's start ${machine.loadAverageAtStart.toFixed(2)}`,
    `         client and server SHARE these ${machine.cores} cores (one machine; other work on it skews figures)`,
    '',
    ...(smoke ? ['SMOKE: the figures below only show that every code path runs.'] : []),
    formatRows(['figure', 'value', 'target', 'met?'], rows),
    '',
    'How measured:',
    `- server: a child process, ${ingest.server}`,
    '  (fresh store per phase; SQLite WAL; each 2xx is sent after the batch has committed).',
    `- client: this process, node:http Agent keepAlive, ${CONNECTIONS} connections with one request in flight each;`,
    `  NDJSON bodies of ${count(ingest.batchSize)} events (${(ingest.bodyBytes.predictions / 1e3).toFixed(0)} kB of predictions, ${(ingest.bodyBytes.outcomes / 1e3).toFixed(0)} kB of outcomes)`,
    `  built before sending (${ingest.buildSeconds.toFixed(1)} s, not timed); every answer checked: all accepted, none duplicate, held or rejected.`,
    "- events: the simulator's fair `loans` model (20 segments x 2 sexes, scores and labels drawn per",
    '  prediction); ids ascend (p0000000000, ...), the easy case for the unique id index; times in an',
    `  hour that ends an hour before the run, repeating every ${count(memory.chunk)} predictions; one outcome per prediction.`,
    `- ingest: ${count(ingest.count)} predictions, then their outcomes; rate = events / wall time from the`,
    '  first send to the last answer (warm-up included); latency per request as the client sees it;',
    '  CPU = CPU seconds over wall seconds, server from /proc/<pid>/stat, client from process.cpuUsage();',
    "  events per server CPU-second = events / the server's CPU seconds: its rate on a core of its own.",
    `- memory: a second fresh server; chunks of ${count(memory.chunk)} predictions, then their outcomes, up to ${count(memory.total)};`,
    '  VmRSS (and VmHWM, the peak) from /proc/<pid>/status after each chunk, no GC forced.',
    `  RSS in MB at start ${(memory.idle.rssBytes / 1e6).toFixed(0)}, then after each chunk: ${series}.`,
    `  Store on disk after ${count(memory.total)}: ${(memory.storeBytes / 1e6).toFixed(0)} MB (deleted after the run).`,
    `- evaluation: in this process, MonitorService (event clock, no timers, store :memory:) fed ${evaluation.hours} h`,
    `  of simulated fair traffic (${count(evaluation.fed.predictions)} predictions, ${count(evaluation.fed.outcomes)} outcomes, ${evaluation.ratePerSecond}/s) through service.ingest,`,
    `  then service.evaluate(now) timed ${evaluation.runs} times after one untimed run. ${comparisons.toLocaleString('en-US')} comparisons per cycle:`,
    `  ${count(evaluation.comparisons.reference)} from ${referenceSlos} SLOs comparing each segment with s01, ${count(evaluation.comparisons.betweenGroups)} from ${evaluation.betweenGroupsSlos} SLOs comparing every pair;`,
    '  metrics fpr, tpr, selection_rate, ppv; difference and ratio; windows 1h and 2h of 1-minute buckets.',
    '- MB = 10^6 bytes. Targets are printed, never asserted.',
    `\nservice section took ${totalSeconds.toFixed(0)} s`,
  ].join('\n')}\n`;
}

function ingestRow(kind, phase, target) {
  return [
    `ingest over HTTP: ${kind}`,
    `${count(Math.round(phase.eventsPerSecond))} /s (${count(phase.events)} in ${phase.seconds.toFixed(1)} s)`,
    target === null ? '' : `>= ${count(target)} /s`,
    target === null ? '' : verdict(phase.eventsPerSecond >= target),
  ];
}

function latencyRow(kind, ingest) {
  const { p50, p99 } = ingest[kind].latencyMs;
  return [
    `request latency, ${kind} (${count(ingest.batchSize)} per request)`,
    `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    '',
    '',
  ];
}

function cpuRow(kind, phase) {
  const percent = (share) => `${(share * 100).toFixed(0)}%`;
  return [
    `CPU while ingesting ${kind} (share of one core)`,
    `server ${percent(phase.serverCpu)} (${count(Math.round(phase.eventsPerServerCpuSecond))} ${kind} per server CPU-second), bench client ${percent(phase.clientCpu)}`,
    '',
    '',
  ];
}

function verdict(met) {
  return met ? 'met' : 'NOT met';
}

function count(n) {
  return n.toLocaleString('en-US');
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

/** Rows as a plain-text table, in the layout of ../printTable.mjs. */
function formatRows(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
