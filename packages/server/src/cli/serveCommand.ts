import { parseArgs } from 'node:util';
import { loadConfig } from '../config/loadConfig.js';
import { UsageError } from '../errors.js';
import { createApp } from '../http/app.js';
import { listen } from '../http/nodeServer.js';
import { MonitorService } from '../service/monitorService.js';
import type { ClockMode } from '../service/serviceClock.js';
import type { CliIo } from './cliIo.js';

export const SERVE_HELP = `Usage: fairwatch serve [--config fairwatch.yaml] [options]

Runs the monitoring service: ingest API, statistics over time, SLO evaluation and alerts.

Options
  --config PATH    the configuration (default ./fairwatch.yaml)
  --listen H:P     override server.listen
  --store PATH     override server.store (a SQLite file, or :memory:)
  --clock MODE     wall (default), or event: evaluate on the newest event time, for replays
  -h, --help       this text`;

/** Starts the service and runs until SIGINT or SIGTERM, then drains and commits. */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseServeArgs(args);
  if (options === 'help') {
    io.stdout(`${SERVE_HELP}\n`);
    return 0;
  }
  const running = await startService(options, io);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stderr('fairwatch serve: stopping; committing state\n');
  await running.close();
  return 0;
}

export interface ServeOptions {
  readonly config: string;
  readonly listen: string | null;
  readonly store: string | null;
  readonly clock: ClockMode;
}

export interface StartedService {
  readonly url: string;
  readonly service: MonitorService;
  close(): Promise<void>;
}

export async function startService(options: ServeOptions, io: CliIo): Promise<StartedService> {
  const loaded = loadConfig(options.config, process.env);
  const listenAt = options.listen === null ? loaded.server.listen : parseListen(options.listen);
  const config = {
    ...loaded,
    server: { ...loaded.server, listen: listenAt, store: options.store ?? loaded.server.store },
  };
  const service = new MonitorService(config, { clock: options.clock });
  service.start();
  const server = await listen(
    createApp(service),
    listenAt.host,
    listenAt.port,
    config.server.maxBodyBytes,
  );
  io.stderr(
    `fairwatch serve: listening on ${server.url} (store ${config.server.store}, ${String(service.replayedChanges)} changes replayed, clock ${options.clock})\n`,
  );
  return {
    url: server.url,
    service,
    close: async () => {
      await server.close();
      await service.close();
    },
  };
}

function parseServeArgs(args: readonly string[]): ServeOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string' },
        listen: { type: 'string' },
        store: { type: 'string' },
        clock: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const values = parsed.values;
  if (values.help === true) return 'help';
  const clock = values.clock ?? 'wall';
  if (clock !== 'wall' && clock !== 'event')
    throw new UsageError(`--clock must be wall or event, not ${clock}`);
  return {
    config: values.config ?? 'fairwatch.yaml',
    listen: values.listen ?? null,
    store: values.store ?? null,
    clock,
  };
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(text);
  if (match === null) throw new UsageError(`--listen must be host:port, not ${text}`);
  const port = Number(match[2]);
  if (port > 65_535) throw new UsageError(`--listen port ${match[2]!} is out of range`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}
