/**
 * One problem found in a configuration. Validation collects every issue before it reports,
 * so a user fixes the whole file in one pass.
 */

export type ConfigIssueCode =
  /** A value of the wrong kind: a list where a mapping belongs, text where a number does. */
  | 'invalid_type'
  /** A required key is absent (or empty). */
  | 'missing'
  /** A key the configuration does not define, usually a typo. */
  | 'unknown_key'
  /** Not one of the allowed values (`kind: diff`). */
  | 'invalid_value'
  /** Text that does not have the required form: a name, URL, duration or address. */
  | 'invalid_format'
  /** A number, duration or list below its lower bound. */
  | 'too_small'
  /** A number or duration above its upper bound. */
  | 'too_big'
  /** A name or value given twice where each must be unique. */
  | 'duplicate'
  /** Names a model, attribute, intersection or receiver that is not configured. */
  | 'unknown_reference'
  /** Values that are each fine but contradict each other (`short_window` >= `long_window`). */
  | 'inconsistent'
  /** `secret_env` names an environment variable that is not set. */
  | 'unset_env'
  /** The configuration file cannot be read. */
  | 'unreadable_file'
  /** The configuration file is not valid YAML. */
  | 'yaml_syntax';

export interface ConfigIssue {
  readonly code: ConfigIssueCode;
  /**
   * Where the problem is: a path into the configuration such as `slos[2].band[0]` or
   * `models[0].references["age band"]`, or `""` for the configuration as a whole. Issues
   * with the file itself carry the file's name, with `:line:column` for a YAML syntax error.
   */
  readonly path: string;
  readonly message: string;
}

export type ConfigPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `["slos", 2, "band", 0]` as `slos[2].band[0]`; keys that are not identifiers are quoted. */
export function formatConfigPath(segments: readonly ConfigPathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${String(segment)}]`;
    else if (!IDENTIFIER.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

const PATH_SEGMENT = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The segments of a path written by formatConfigPath, or null when `path` is not one
 * (a file name, say). `parseConfigPath(formatConfigPath(s))` equals `s`.
 */
export function parseConfigPath(path: string): ConfigPathSegment[] | null {
  const segments: ConfigPathSegment[] = [];
  const pattern = new RegExp(PATH_SEGMENT);
  while (pattern.lastIndex < path.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(path);
    if (match === null) return null;
    const [text, key, index, quoted] = match;
    if (key !== undefined) {
      if (start === 0 ? text.startsWith('.') : !text.startsWith('.')) return null;
      segments.push(key);
    } else if (index !== undefined) {
      segments.push(Number(index));
    } else if (quoted !== undefined) {
      const parsed: unknown = JSON.parse(quoted);
      if (typeof parsed !== 'string') return null;
      segments.push(parsed);
    }
  }
  return segments;
}

/** Every issue on its own line as `path: message`; the whole configuration is `(root)`. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`)
    .join('\n');
}
