import { createServer as createProbe } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert } from '@fairwatch/contracts';
import { loadConfig } from '../config/loadConfig.js';
import { UsageError } from '../errors.js';
import { createApp } from '../http/app.js';
import { listen } from '../http/nodeServer.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../receivers/webhookSignature.js';
import { MonitorService } from '../service/monitorService.js';
import {
  describeScenario,
  scenarioText,
  sendEvents,
  simulatedEvents,
  type SimulationOptions,
} from '../simulate/index.js';
import { auditDemo } from './auditDemo.js';
import type { CliIo } from './cliIo.js';

/** The demo's traffic is the same every run, so a new user sees the incident it describes. */
const DEMO_SEED = 1;

export const DEMO_HELP = `Usage: fairwatch demo [--speedup N] [--seed N] [--exit] [--audit]

Runs the monitoring service on the embedded store with the bundled config
(packages/server/config/demo.yaml), and feeds it the simulator's canary-regression scenario:
a new model version that raises one group's false positive rate. Simulated time runs fast, so
the alert fires within a minute or two; the demo prints it as a local webhook receives it, and
where to look. It keeps serving until Ctrl-C.

Options
  --speedup N   simulated seconds per real second (default 240)
  --seed N      the simulation's seed (default ${String(DEMO_SEED)}: every run shows the same incident)
  --exit        stop once the simulation has been sent, instead of serving on
  --audit       instead: audit a generated sample file (the batch auditor's demo)`;

const DEMO_SECRET = 'fairwatch-demo-secret';
const SIMULATED_HOURS = 4;

export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${DEMO_HELP}\n`);
    return 0;
  }
  if (args.includes('--audit')) return auditDemo(io);
  const speedupAt = args.indexOf('--speedup');
  const speedup = speedupAt >= 0 ? Number(args[speedupAt + 1]) : 240;
  if (!(speedup > 0)) throw new UsageError('--speedup must be a positive number');
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new UsageError('--seed must be a whole number of 0 or more');

  const receiver = await startWebhookReceiver(io);
  const here = dirname(fileURLToPath(import.meta.url));
  const loaded = loadConfig(join(here, '..', '..', 'config', 'demo.yaml'), {
    ...process.env,
    FAIRWATCH_DEMO_SECRET: DEMO_SECRET,
  });
  const dir = await mkdtemp(join(tmpdir(), 'fairwatch-demo-'));
  const store = join(dir, 'fairwatch.db');
  // The port is chosen before the service is made, because alerts carry links to it.
  const port = await availablePort(loaded.server.listen.host, loaded.server.listen.port);
  const publicUrl = `http://${loaded.server.listen.host}:${String(port)}`;
  const config = {
    ...loaded,
    server: { ...loaded.server, store, publicUrl },
    receivers: loaded.receivers.map((r) => ({ ...r, url: receiver.url })),
  };
  const service = new MonitorService(config, { clock: 'event' });
  service.start();
  const server = await listen(
    createApp(service),
    config.server.listen.host,
    port,
    config.server.maxBodyBytes,
  );

  const now = Date.now();
  const durationMs = SIMULATED_HOURS * 3_600_000;
  const simulation: SimulationOptions = {
    scenario: 'canary-regression',
    seed,
    ratePerSecond: 10,
    startMs: Math.floor((now - durationMs) / 1000) * 1000,
    durationMs,
  };
  io.stdout(
    `fairwatch demo: the service listens on ${server.url} (store ${store}, event-time clock).\n` +
      `Open the dashboard now to watch it happen: ${server.url}/\n` +
      `It is fed ${String(SIMULATED_HOURS)} simulated hours of the canary-regression scenario at ${String(speedup)}x:\n\n`,
  );
  io.stdout(scenarioText(describeScenario(simulation)));
  io.stdout(
    `\nWaiting for the alert (about ${String(Math.ceil((durationMs / speedup / 60_000) * 0.6))} minutes)...\n`,
  );
  const summary = await sendEvents(simulatedEvents(simulation), {
    target: server.url,
    simulatedStartMs: simulation.startMs,
    speedup,
  });
  io.stdout(
    `\nSent ${String(summary.sent.prediction + summary.sent.outcome + summary.sent.deployment)} events; ${String(summary.accepted)} accepted, ${String(summary.rejected)} rejected.\n`,
  );
  const firing = service.alerts().filter((alert) => alert.state === 'firing');
  io.stdout(`Firing alerts now: ${String(firing.length)}\n`);
  for (const alert of firing) io.stdout(`  ${alertLine(alert)}\n`);
  io.stdout(
    `\nWhere to look:\n` +
      (firing[0] === undefined
        ? ''
        : `  ${firing[0].dashboardUrl}\n      the dashboard's on-call view of the alert: which group, since when, how sure, the runbook\n`) +
      `  ${server.url}/#/executive       the executive overview; ${server.url}/#/debug for counts, calibration, events\n` +
      `  curl ${server.url}/v1/alerts          the alerts, with value, interval, burn rates, deployments\n` +
      `  curl ${server.url}/v1/slos            every SLO comparison with its evidence and error budget\n` +
      `  curl '${server.url}/v1/models/loans/metrics?window=2h&attribute=segment&version=v2'\n` +
      `  curl ${server.url}/metrics            Prometheus exposition\n` +
      `  ${String(receiver.received.length)} signed webhook deliveries were received and verified.\n`,
  );
  if (args.includes('--exit')) {
    await server.close();
    await service.close();
    await receiver.close();
    return firing.length > 0 ? 0 : 1;
  }
  io.stdout('\nServing on; Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await service.close();
  await receiver.close();
  return 0;
}

function alertLine(alert: Alert): string {
  const at = alert.firedAt ?? alert.activeAt ?? '';
  return `[${alert.severity}] ${alert.summary} (n=${String(alert.group.n)} vs ${String(alert.comparedWith.n)}; fired at simulated ${at})`;
}

interface WebhookReceiver {
  readonly url: string;
  readonly received: Alert[];
  close(): Promise<void>;
}

/** A local receiver that checks each delivery's signature and prints the alerts it carries. */
async function startWebhookReceiver(io: CliIo): Promise<WebhookReceiver> {
  const received: Alert[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const verdict = verifyWebhookSignature(
        DEMO_SECRET,
        header(req, TIMESTAMP_HEADER),
        body,
        header(req, SIGNATURE_HEADER),
        Date.now(),
      );
      if (!verdict.ok) {
        io.stdout(`webhook: rejected a delivery (${verdict.reason})\n`);
        res.writeHead(401).end();
        return;
      }
      const payload = JSON.parse(body.toString('utf8')) as { status: string; alerts: Alert[] };
      for (const alert of payload.alerts) {
        received.push(alert);
        io.stdout(
          `\nwebhook (signature verified): ${payload.status.toUpperCase()} ${alertLine(alert)}\n`,
        );
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${String(port)}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** `preferred` when nothing listens on it, else a port the operating system picks. */
async function availablePort(host: string, preferred: number): Promise<number> {
  const tryPort = (port: number): Promise<number | null> =>
    new Promise((resolve) => {
      const probe = createProbe();
      probe.once('error', () => {
        resolve(null);
      });
      probe.listen(port, host, () => {
        const address = probe.address();
        const chosen = typeof address === 'object' && address !== null ? address.port : null;
        probe.close(() => {
          resolve(chosen);
        });
      });
    });
  const chosen = (await tryPort(preferred)) ?? (await tryPort(0));
  if (chosen === null) throw new Error(`no free port on ${host}`);
  return chosen;
}
