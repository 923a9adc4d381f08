import { exitCodeFor, FairwatchError } from '../errors.js';
import { AUDIT_HELP, auditCommand } from './auditCommand.js';
import type { CliIo } from './cliIo.js';
import { demoCommand } from './demoCommand.js';
import { SERVE_HELP, serveCommand } from './serveCommand.js';
import { SIMULATE_HELP, simulateCommand } from './simulateCommand.js';

export const HELP = `fairwatch: fairness monitoring for machine-learning decisions

Usage: fairwatch <command> [options]

Commands
  audit <file>   audit a file of scored decisions (CSV, JSONL, Parquet) per group
  serve          run the monitoring service (ingest API, SLOs, alerts, /metrics)
  simulate       send synthetic traffic with an injected incident to a service
  demo           the service fed by a simulated incident, until an alert fires
  help           this text; 'fairwatch <command> --help' for a command

Exit codes: 0 ok, 1 finding (gate failed), 2 usage or input error.`;

const COMMAND_HELP: Readonly<Record<string, string>> = {
  audit: AUDIT_HELP,
  serve: SERVE_HELP,
  simulate: SIMULATE_HELP,
};

/**
 * The CLI as a function: runs one command and returns its exit code. Errors a user can fix
 * become one line on stderr and their code's exit status; anything else is a bug and keeps its
 * stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'audit':
        return await auditCommand(args, io);
      case 'serve':
        return await serveCommand(args, io);
      case 'simulate':
        return await simulateCommand(args, io);
      case 'demo':
        return await demoCommand(args, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${command === 'help' ? (COMMAND_HELP[args[0] ?? ''] ?? HELP) : HELP}\n`);
        return 0;
      default:
        io.stderr(
          `fairwatch: unknown command '${command}'; commands: audit, serve, simulate, demo, help\n`,
        );
        return 2;
    }
  } catch (error) {
    if (error instanceof FairwatchError) {
      io.stderr(`fairwatch ${command}: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    throw error;
  }
}
