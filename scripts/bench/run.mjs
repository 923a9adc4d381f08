/**
 * `npm run bench`: prints the performance figures the issue sets targets for; never asserts them.
 *
 *   node scripts/bench/run.mjs           10M rows (the figures the issue asks for)
 *   node scripts/bench/run.mjs --smoke   200k rows, same code paths, for CI: figures not meaningful
 *   --section NAME (repeatable)          only these sections: audit (core aggregation and the
 *                                        audit against DuckDB), service, detection, dashboard
 *
 * Needs a built workspace (`npm run build`) and GNU time (Debian package `time`) for peak RSS.
 * Data is written under <repo>/.bench/ when missing or of the wrong size; the figures are also
 * written to .bench/results.json. Progress goes to stderr, the report to stdout. Exits non-zero
 * when a measured command fails (its stderr is printed) or reads other rows than it was given.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { measureAuditVsDuckdb, COMMAND_RUNS } from './auditVsDuckdb.mjs';
import { AUDITOR_BATCH_ROWS, TIMED_RUNS, measureCoreAggregation } from './coreAggregation.mjs';
import { FAIRLEARN_REFERENCE, figuresOf } from './figures.mjs';
import { ensureData } from './generateData.mjs';
import { CommandFailedError, assertGnuTimeAvailable } from './measureCommand.mjs';
import { formatTable } from './printTable.mjs';
import {
  A_SHARES,
  A_VALUES,
  B_SHARES,
  B_VALUES,
  CSV_HEADER,
  SEED,
  rowColumns,
} from './syntheticRows.mjs';

const SECTIONS = ['audit', 'service', 'detection', 'dashboard'];
const FULL_ROWS = 10_000_000;
const SMOKE_ROWS = 200_000;
const BENCH_DIRECTORY = fileURLToPath(new URL('../../.bench', import.meta.url));

async function main(args) {
  const sections = new Set();
  const unknown = [];
  for (let at = 0; at < args.length; at++) {
    if (args[at] === '--smoke') continue;
    if (args[at] === '--section' && SECTIONS.includes(args[at + 1])) sections.add(args[++at]);
    else unknown.push(args[at]);
  }
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown arguments: ${unknown.join(' ')}\nusage: run.mjs [--smoke] [--section ${SECTIONS.join('|')}]...\n`,
    );
    return 2;
  }
  const runs = (section) => sections.size === 0 || sections.has(section);
  const smoke = args.includes('--smoke');
  const rows = smoke ? SMOKE_ROWS : FULL_ROWS;
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const log = (message) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${seconds}s] ${message}\n`);
  };
  if (runs('audit')) {
    assertGnuTimeAvailable();
    const data = await ensureData(BENCH_DIRECTORY, rows, log);
    log(`core aggregation of ${rows.toLocaleString('en-US')} in-memory rows`);
    const core = measureCoreAggregation(rowColumns(rows));
    const audit = await measureAuditVsDuckdb(data, log);
    const figures = figuresOf(core, audit);
    const totalSeconds = (performance.now() - started) / 1000;

    const machine = {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      os: `${type()} ${release()}`,
      node: process.version,
      loadAverageAtStart: loadAtStart,
      duckdb: audit.duckdb,
    };
    process.stdout.write(report({ smoke, rows, data, machine, figures, totalSeconds }));
    const resultsPath = `${BENCH_DIRECTORY}/results.json`;
    const results = {
      mode: smoke ? 'smoke' : 'full',
      meaningful: !smoke,
      rows,
      machine,
      data,
      figures,
      reference: FAIRLEARN_REFERENCE,
      details: { core, audit },
      totalSeconds,
    };
    writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nFigures written to ${resultsPath}\n`);
  }

  // Issue 3, the monitoring service: ingest over HTTP, server memory, one evaluation cycle.
  if (runs('service')) {
    const { serviceSection } = await import('./service/serviceSection.mjs');
    const service = await serviceSection({ smoke, benchDirectory: BENCH_DIRECTORY, log });
    process.stdout.write(
      `\n${service}\nService figures written to ${BENCH_DIRECTORY}/service-results.json\n`,
    );
  }

  // Issue 3, detection quality: simulated scenarios through the service's alerting.
  if (runs('detection')) {
    const { detectionFigures } = await import('./detectionQuality.mjs');
    log(
      'detection quality: simulating scenarios (the full run replays 7 + 4 days of fair traffic and 5 canary seeds)',
    );
    const detection = detectionFigures({ smoke });
    process.stdout.write(`\nDetection quality${smoke ? ' (SMOKE: short simulations)' : ''}\n`);
    for (const row of detection) {
      process.stdout.write(
        `  ${row.scenario}: ${row.figure} (target ${row.target})${row.met ? ` ${row.met}` : ''}\n`,
      );
    }
  }

  // Issue 4, the dashboard: API query latency and time until each view shows its data.
  if (runs('dashboard')) {
    const { dashboardSection } = await import('./dashboard/dashboardSection.mjs');
    const { dashboardReport } = await import('./dashboard/dashboardReport.mjs');
    const dashboard = await dashboardSection({ smoke, benchDirectory: BENCH_DIRECTORY, log });
    process.stdout.write(dashboardReport(dashboard, smoke));
  }
  return 0;
}

function report({ smoke, rows, data, machine, figures, totalSeconds }) {
  const count = rows.toLocaleString('en-US');
  const shares = (values, weights) =>
    values.map((v, i) => `${v} ${Math.round(weights[i] * 100)}%`).join(', ');
  const title = smoke
    ? `fairwatch benchmark: SMOKE RUN, ${count} rows (figures NOT meaningful, code paths only)`
    : `fairwatch benchmark: ${count} rows`;
  return `${[
    title,
    '='.repeat(title.length),
    `machine: ${machine.cores} cores (${machine.cpu}), ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${machine.os}, node ${machine.node}`,
    `         1-minute load average at start ${machine.loadAverageAtStart.toFixed(2)} (other work on the machine skews figures)`,
    `DuckDB:  ${machine.duckdb.version} via @duckdb/node-api, ${machine.duckdb.threads} threads (its default)`,
    `data:    ${data.csv} (${(data.csvBytes / 1e6).toFixed(0)} MB, columns ${CSV_HEADER})`,
    `         ${data.parquet} (${(data.parquetBytes / 1e6).toFixed(0)} MB, written by DuckDB COPY ... (FORMAT parquet))`,
    `         a: ${shares(A_VALUES, A_SHARES)}; b: ${shares(B_VALUES, B_SHARES)}; 8 intersections;`,
    `         label and score (6 decimals, correlated with label) from mulberry32 seed 0x${SEED.toString(16)};`,
    `         id: 'u' + 8 hex digits, a text column the audit does not read`,
    '',
    ...(smoke ? ['SMOKE: the figures below only show that every code path runs.'] : []),
    formatTable(figures),
    '',
    FAIRLEARN_REFERENCE,
    '',
    'How measured:',
    `- core: CellStatistics.add on typed arrays (8 cells), fed in batches of ${AUDITOR_BATCH_ROWS.toLocaleString('en-US')} (subarray views, as the`,
    `  auditor does) and as one batch; one untimed warm-up, then the median of ${TIMED_RUNS} runs (range in brackets).`,
    `- commands: each a fresh child process, ${COMMAND_RUNS} runs, fairwatch and DuckDB alternating; median (range).`,
    '  Wall time from spawn to exit (process start and module/DuckDB load included); peak RSS is',
    '  GNU time %M (kernel ru_maxrss via wait4). Files read once beforehand so both find them cached.',
    '  fairwatch: node packages/server/dist/cli/main.js audit <file> --label label --score score',
    '    --threshold 0.5 --group a,b --intersect --report json --output <tmp>/report.json',
    "  DuckDB: SELECT a, b, label, score >= 0.5 AS pred, count(*) FROM read_csv('<csv>') GROUP BY ALL",
    '    (read_parquet for Parquet), result materialised; "query alone" times that statement only.',
    '- MB = 10^6 bytes. Targets are printed, never asserted.',
    `\nbench took ${totalSeconds.toFixed(0)} s end to end${data.csvWritten || data.parquetWritten ? ' (data files written in this run)' : ' (data files reused)'}`,
  ].join('\n')}\n`;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CommandFailedError) {
    process.stderr.write(`\nbench failed: ${error.message}\n--- its stderr ---\n${error.stderr}\n`);
  } else {
    process.stderr.write(
      `\nbench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exitCode = 1;
}
