import { exitCodeFor, FairwatchError } from '../errors.js';
import { AUDIT_HELP, auditCommand } from './auditCommand.js';
import type { CliIo } from './cliIo.js';
import { demoCommand } from './demoCommand.js';

export const HELP = `fairwatch: fairness monitoring for machine-learning decisions

Usage: fairwatch <command> [options]

Commands
  audit <file>   audit a file of scored decisions (CSV, JSONL, Parquet) per group
  demo           audit a generated sample with a known disparity
  help           this text; 'fairwatch <command> --help' for a command

Exit codes: 0 ok, 1 finding (gate failed), 2 usage or input error.`;

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
      case 'demo':
        return await demoCommand(args, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${command === 'help' && args[0] === 'audit' ? AUDIT_HELP : HELP}\n`);
        return 0;
      default:
        io.stderr(`fairwatch: unknown command '${command}'; commands: audit, demo, help\n`);
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
