export { runCli, HELP } from './cli/runCli.js';
export type { CliIo } from './cli/cliIo.js';
export { runAudit } from './audit/runAudit.js';
export type { AuditOptions, InputFormat } from './audit/auditOptions.js';
export type { AuditReport } from './audit/auditReport.js';
export {
  FairwatchError,
  UsageError,
  InputError,
  MissingColumnError,
  exitCodeFor,
} from './errors.js';
export type { ErrorCode } from './errors.js';
