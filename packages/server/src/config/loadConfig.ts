/**
 * Reads fairwatch.yaml: the file, its YAML, then validateConfig, with `secret_env` resolved
 * against the environment passed in. Every issue is thrown at once in one ConfigError, each
 * with its line in the file when it has one.
 */

import { readFileSync } from 'node:fs';
import { parseConfigPath, validateConfig } from '@fairwatch/contracts';
import type {
  ConfigEnv,
  ConfigIssue,
  ConfigPathSegment,
  ServiceConfig,
} from '@fairwatch/contracts';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { ConfigError } from './configError.js';
import type { LocatedConfigIssue } from './configError.js';

export function loadConfig(path: string, env: ConfigEnv): ServiceConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      path,
      [fileIssue('unreadable_file', path, `cannot read the configuration: ${reason}`, null)],
      { cause: error },
    );
  }
  return parseConfig(text, path, env);
}

/** loadConfig on text already read; `file` names it in messages. */
export function parseConfig(text: string, file: string, env: ConfigEnv): ServiceConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) =>
        fileIssue('yaml_syntax', file, error.message, lineCounter.linePos(error.pos[0])),
      ),
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS();
  } catch (error) {
    // toJS refuses, for one, an alias expanded so often that it would exhaust memory.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(file, [fileIssue('yaml_syntax', file, reason, null)], { cause: error });
  }
  // A file of nothing but comments is an empty configuration, not a missing one.
  const result = validateConfig(raw ?? {}, { env });
  if (!result.ok) {
    throw new ConfigError(
      file,
      result.issues.map((issue) => locate(issue, document, lineCounter)),
    );
  }
  return result.config;
}

function fileIssue(
  code: 'unreadable_file' | 'yaml_syntax',
  file: string,
  message: string,
  position: { line: number; col: number } | null,
): LocatedConfigIssue {
  return {
    code,
    path: position === null ? file : `${file}:${String(position.line)}:${String(position.col)}`,
    message,
    line: position?.line ?? null,
    column: position?.col ?? null,
  };
}

/**
 * The issue with the line and column of the node its path names. A path into something
 * the file leaves out (a missing key) points at the nearest enclosing node; an unknown key
 * points at the key itself.
 */
function locate(
  issue: ConfigIssue,
  document: Document,
  lineCounter: LineCounter,
): LocatedConfigIssue {
  const segments = parseConfigPath(issue.path);
  const node = segments === null ? null : nodeAt(document, segments, issue.code === 'unknown_key');
  const offset = node?.range?.[0];
  if (offset === undefined) return { ...issue, line: null, column: null };
  const { line, col } = lineCounter.linePos(offset);
  return { ...issue, line, column: col };
}

function nodeAt(
  document: Document,
  segments: readonly ConfigPathSegment[],
  wantKey: boolean,
): Node | null {
  let node: unknown = document.contents;
  let found: Node | null = isNode(node) ? node : null;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      if (last && wantKey && isNode(pair.key)) return pair.key;
      // `key:` with nothing after it is an empty scalar past the colon; the key is clearer.
      const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null);
      next = empty ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else {
      break;
    }
    if (!isNode(next)) break;
    node = next;
    found = next;
  }
  return found;
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}
