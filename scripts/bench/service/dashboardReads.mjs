/**
 * Times the dashboards' raw-event reads on a store of 1M retained predictions; prints, never
 * asserts. Run after `npm run build`:
 *
 *   node scripts/bench/service/dashboardReads.mjs [--rows N] [--no-read-indexes] [--drop-index NAME]...
 *
 * A MonitorService (wall clock fixed, no timers) on a new store in a temporary folder is fed
 * N predictions (default 1,000,000) spread over the last 24 h through `service.ingest` in
 * batches of 5,000: 20 segments with shares from 30% down to 0.05% (s20 has about 500), two
 * sexes, two versions, and features (income: a number, region: one of five). Then each request
 * goes through `createApp(service).handle` (JSON serialisation included) RUNS times after one
 * untimed run; the median and the slowest are printed. `--no-read-indexes` drops the two
 * indexes of migration 004 before feeding (`--drop-index` drops one), to compare ingest
 * throughput without them; the reads are then not timed. The machine is shared: figures are
 * noisy.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import Database from 'better-sqlite3';
import { validateConfig } from '../../../packages/contracts/dist/index.js';
import { createApp } from '../../../packages/server/dist/http/app.js';
import { MonitorService } from '../../../packages/server/dist/service/monitorService.js';
import { medianAndRange } from '../medianAndRange.mjs';

const RUNS = 15;
const BATCH = 5_000;
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const DAY_MS = 86_400_000;
const REGIONS = ['north', 'south', 'east', 'west', 'centre'];

function parseArgs(args) {
  let rows = 1_000_000;
  const dropped = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rows') rows = Number(args[++i]);
    else if (args[i] === '--no-read-indexes')
      dropped.push('predictions_cohort', 'predictions_model_ts');
    else if (args[i] === '--drop-index') dropped.push(args[++i]);
    else throw new Error(`unknown argument ${args[i]}`);
  }
  return { rows, dropped };
}

/** Segment shares: s01 30%, then decreasing, s20 0.05%. */
function segmentCuts() {
  const shares = Array.from({ length: 19 }, (_, i) => 0.3 * Math.pow(0.8, i));
  const total = shares.reduce((a, b) => a + b, 0);
  const scaled = shares.map((share) => (share / total) * 0.9995);
  scaled.push(0.0005);
  let sum = 0;
  return scaled.map((share) => (sum += share));
}

/** A small deterministic generator (mulberry32), so every run feeds the same rows. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function config(store) {
  const validation = validateConfig({
    server: { store },
    models: [
      {
        name: 'loans',
        threshold: 0.5,
        attributes: ['segment', 'sex'],
        intersections: [['segment', 'sex']],
        references: { segment: 's01' },
      },
    ],
    slos: [],
  });
  if (!validation.ok) throw new Error(validation.issues.map((i) => i.message).join('; '));
  return validation.config;
}

function feed(service, rows) {
  const next = random(7);
  const cuts = segmentCuts();
  let batch = [];
  const began = performance.now();
  for (let i = 0; i < rows; i++) {
    const u = next();
    const segment = cuts.findIndex((cut) => u <= cut);
    batch.push({
      value: {
        id: `p${String(i)}`,
        model: 'loans',
        version: i < rows / 2 ? 'v1' : 'v2',
        ts: NOW - DAY_MS + Math.floor((i / rows) * DAY_MS),
        score: next(),
        groups: {
          segment: `s${String((segment < 0 ? 19 : segment) + 1).padStart(2, '0')}`,
          sex: next() < 0.5 ? 'F' : 'M',
        },
        features: {
          income: Math.round(20_000 + 60_000 * next()),
          region: REGIONS[Math.floor(next() * REGIONS.length)],
        },
      },
    });
    if (batch.length === BATCH || i === rows - 1) {
      const result = service.ingest('predictions', batch);
      if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected[0]));
      batch = [];
    }
  }
  return (performance.now() - began) / 1000;
}

function time(app, url) {
  const request = { method: 'GET', url, headers: {}, body: Buffer.alloc(0) };
  const first = app.handle(request);
  if (first.status !== 200) throw new Error(`${url}: ${first.status} ${first.body}`);
  const millis = [];
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    app.handle(request);
    millis.push(performance.now() - began);
  }
  const { median, max } = medianAndRange(millis);
  const body = JSON.parse(String(first.body));
  const shown = Array.isArray(body.events)
    ? `${body.events.length} events${body.suppressed ? ', suppressed' : ''}`
    : body.rows_scanned !== undefined
      ? `${body.rows_scanned} rows scanned, sampled ${body.sampled}`
      : '';
  process.stdout.write(
    `${url.padEnd(72)} median ${median.toFixed(1).padStart(7)} ms  max ${max.toFixed(1).padStart(7)} ms  ${shown}\n`,
  );
}

async function main() {
  const { rows, dropped } = parseArgs(process.argv.slice(2));
  const readIndexes = dropped.length === 0;
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-dashboard-reads-'));
  const store = join(dir, 'store.db');
  try {
    if (!readIndexes) {
      // Create the schema, then drop the indexes before any row is written.
      new MonitorService(config(store), { wall: () => NOW, timers: false }).store.close();
      const db = new Database(store);
      for (const name of dropped) db.exec(`DROP INDEX ${name}`);
      db.close();
    }
    const service = new MonitorService(config(store), { wall: () => NOW, timers: false });
    service.start();
    const seconds = feed(service, rows);
    process.stdout.write(
      `fed ${rows.toLocaleString('en-US')} predictions in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rows / seconds).toLocaleString('en-US')}/s, ` +
        `${readIndexes ? 'read indexes on' : `dropped ${dropped.join(', ')}`})\n`,
    );
    if (readIndexes) {
      const app = createApp(service);
      const m = '/v1/models/loans';
      time(app, `${m}/events?group.segment=s01`);
      time(app, `${m}/events?group.segment=s01&limit=500`);
      time(app, `${m}/events?group.segment=s01&group.sex=F&version=v1&limit=500`);
      time(app, `${m}/events?group.sex=M`);
      time(app, `${m}/events?group.segment=s20`);
      time(app, `${m}/events?group.segment=s20&version=v1&limit=500`);
      time(app, `${m}/events?limit=500`);
      time(app, `${m}/features?group.segment=s01&window=1h`);
      time(app, `${m}/features?group.segment=s20&window=24h`);
      time(app, '/v1/ingest');
      time(app, `${m}/deployments?window=24h`);
      time(app, '/v1/incidents');
    }
    await service.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
