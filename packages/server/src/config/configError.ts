import type { ConfigIssue } from '@fairwatch/contracts';
import { FairwatchError } from '../errors.js';

/** A configuration issue with where it is in the file, when that is known (1-based). */
export interface LocatedConfigIssue extends ConfigIssue {
  readonly line: number | null;
  readonly column: number | null;
}

/** The configuration file cannot be used; the message lists every issue on its own line. */
export class ConfigError extends FairwatchError {
  readonly file: string;
  readonly issues: readonly LocatedConfigIssue[];

  constructor(file: string, issues: readonly LocatedConfigIssue[], options?: { cause?: unknown }) {
    super('config', formatMessage(file, issues), options);
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

function formatMessage(file: string, issues: readonly LocatedConfigIssue[]): string {
  const count = issues.length === 1 ? '1 issue' : `${String(issues.length)} issues`;
  const lines = issues.map((issue) => {
    const path = issue.path === '' ? '(root)' : issue.path;
    const at =
      issue.line === null || issue.code === 'yaml_syntax'
        ? ''
        : ` (line ${String(issue.line)}${issue.column === null ? '' : `:${String(issue.column)}`})`;
    return `  ${path}: ${issue.message}${at}`;
  });
  return [`invalid configuration ${file} (${count}):`, ...lines].join('\n');
}
