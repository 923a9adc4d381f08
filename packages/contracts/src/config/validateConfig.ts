/**
 * Validates a parsed fairwatch.yaml (any plain object: YAML, JSON, a literal) into a
 * ServiceConfig with every default filled in. Every issue is collected, none is thrown:
 * the caller reports them all at once.
 */

import { CONFIG_DEFAULTS, defaultPublicUrl } from './configDefaults.js';
import { Fields, IssueLog } from './configFields.js';
import type { ConfigIssue } from './configIssue.js';
import { HTTP_URL_FORMAT, LISTEN_FORMAT, parseListenAddress } from './configFormats.js';
import { formatDuration, HOUR_MS } from './duration.js';
import type {
  AlertingConfig,
  ListenAddress,
  PrivacyConfig,
  RetentionConfig,
  ServerConfig,
  ServiceConfig,
} from './serviceConfig.js';
import { validateModels } from './validateModels.js';
import { validateReceivers } from './validateReceivers.js';
import type { ConfigEnv } from './validateReceivers.js';
import { validateSlos } from './validateSlos.js';

export type ConfigValidation =
  | { readonly ok: true; readonly config: ServiceConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export interface ValidateConfigOptions {
  /**
   * Where `secret_env` variables are looked up (the server passes `process.env`). Without
   * it, a receiver that uses `secret_env` is an issue.
   */
  readonly env?: ConfigEnv;
}

const TOP_KEYS = [
  'server',
  'retention',
  'privacy',
  'models',
  'slos',
  'receivers',
  'alerting',
] as const;

const SERVER_KEYS = [
  'listen',
  'public_url',
  'store',
  'bucket',
  'evaluation_interval',
  'max_body_bytes',
  'max_future_skew',
  'outcome_hold',
] as const;

const RETENTION_KEYS = ['raw_events', 'minute_buckets', 'hour_buckets', 'day_buckets'] as const;
const PRIVACY_KEYS = ['min_cell_size'] as const;
const ALERTING_KEYS = ['group_wait', 'group_interval', 'repeat_interval'] as const;

export function validateConfig(
  raw: unknown,
  options: ValidateConfigOptions = {},
): ConfigValidation {
  const log = new IssueLog();
  const root = Fields.of(log, raw, '', TOP_KEYS);
  if (root === undefined) return { ok: false, issues: log.issues };

  const { server, bucketMs, outcomeHoldMs } = validateServer(root.section('server', SERVER_KEYS));
  const retention = validateRetention(root.section('retention', RETENTION_KEYS), outcomeHoldMs);
  const privacy = validatePrivacy(root.section('privacy', PRIVACY_KEYS));
  const { models, known } = validateModels(root);
  const { receivers, written: receiverNames } = validateReceivers(root, options.env);
  const slos = validateSlos(root, {
    models: known,
    receiverNames,
    allReceivers: receivers?.map((receiver) => receiver.name) ?? [],
    bucketMs,
  });
  const alerting = validateAlerting(root.section('alerting', ALERTING_KEYS));

  if (log.issues.length > 0) return { ok: false, issues: log.issues };
  if (
    server === undefined ||
    retention === undefined ||
    privacy === undefined ||
    models === undefined ||
    slos === undefined ||
    receivers === undefined ||
    alerting === undefined
  ) {
    throw new Error('validateConfig: a section was rejected without an issue');
  }
  return { ok: true, config: { server, retention, privacy, models, slos, receivers, alerting } };
}

/** The server section, and the two values other sections are checked against even when
 * something else in it is wrong. */
interface ValidatedServer {
  readonly server: ServerConfig | undefined;
  readonly bucketMs: number | undefined;
  readonly outcomeHoldMs: number | undefined;
}

function validateServer(fields: Fields | undefined): ValidatedServer {
  if (fields === undefined) {
    return { server: undefined, bucketMs: undefined, outcomeHoldMs: undefined };
  }
  const defaults = CONFIG_DEFAULTS.server;
  const listen = validateListen(fields);
  const publicUrlText = fields.optionalString('public_url', HTTP_URL_FORMAT);
  let publicUrl: string | undefined;
  if (publicUrlText === null)
    publicUrl = listen === undefined ? undefined : defaultPublicUrl(listen);
  else publicUrl = publicUrlText?.replace(/\/+$/, '');
  const store = fields.string('store', { default: defaults.store });
  let bucketMs = fields.duration('bucket', defaults.bucketMs);
  if (bucketMs !== undefined && HOUR_MS % bucketMs !== 0) {
    fields.log.add(
      'invalid_value',
      fields.at('bucket'),
      `must divide 1h evenly (such as 10s, 1m, 5m, 15m or 1h), got ${formatDuration(bucketMs)}`,
    );
    bucketMs = undefined;
  }
  const evaluationIntervalMs = fields.duration(
    'evaluation_interval',
    defaults.evaluationIntervalMs,
  );
  const maxBodyBytes = fields.number('max_body_bytes', defaults.maxBodyBytes, {
    integer: true,
    min: 1,
  });
  const maxFutureSkewMs = fields.duration('max_future_skew', defaults.maxFutureSkewMs, {
    allowZero: true,
  });
  const outcomeHoldMs = fields.duration('outcome_hold', defaults.outcomeHoldMs);
  if (
    listen === undefined ||
    publicUrl === undefined ||
    store === undefined ||
    bucketMs === undefined ||
    evaluationIntervalMs === undefined ||
    maxBodyBytes === undefined ||
    maxFutureSkewMs === undefined ||
    outcomeHoldMs === undefined
  ) {
    return { server: undefined, bucketMs, outcomeHoldMs };
  }
  const server = {
    listen,
    publicUrl,
    store,
    bucketMs,
    evaluationIntervalMs,
    maxBodyBytes,
    maxFutureSkewMs,
    outcomeHoldMs,
  };
  return { server, bucketMs, outcomeHoldMs };
}

function validateListen(fields: Fields): ListenAddress | undefined {
  const text = fields.optionalString('listen', LISTEN_FORMAT);
  if (text === null) return CONFIG_DEFAULTS.server.listen;
  return text === undefined ? undefined : (parseListenAddress(text) ?? undefined);
}

function validateRetention(
  fields: Fields | undefined,
  outcomeHoldMs: number | undefined,
): RetentionConfig | undefined {
  if (fields === undefined) return undefined;
  const defaults = CONFIG_DEFAULTS.retention;
  let rawEventsMs = fields.duration('raw_events', defaults.rawEventsMs);
  if (rawEventsMs !== undefined && outcomeHoldMs !== undefined && rawEventsMs < outcomeHoldMs) {
    fields.log.add(
      'inconsistent',
      fields.at('raw_events'),
      `must be at least server.outcome_hold (${formatDuration(outcomeHoldMs)}) so that a late outcome still finds its prediction, got ${formatDuration(rawEventsMs)}`,
    );
    rawEventsMs = undefined;
  }
  const minuteBucketsMs = fields.duration('minute_buckets', defaults.minuteBucketsMs);
  const hourBucketsMs = fields.duration('hour_buckets', defaults.hourBucketsMs);
  const dayBucketsMs = fields.duration('day_buckets', defaults.dayBucketsMs);
  if (
    rawEventsMs === undefined ||
    minuteBucketsMs === undefined ||
    hourBucketsMs === undefined ||
    dayBucketsMs === undefined
  ) {
    return undefined;
  }
  return { rawEventsMs, minuteBucketsMs, hourBucketsMs, dayBucketsMs };
}

function validatePrivacy(fields: Fields | undefined): PrivacyConfig | undefined {
  if (fields === undefined) return undefined;
  const minCellSize = fields.number('min_cell_size', CONFIG_DEFAULTS.privacy.minCellSize, {
    integer: true,
    min: 1,
  });
  return minCellSize === undefined ? undefined : { minCellSize };
}

function validateAlerting(fields: Fields | undefined): AlertingConfig | undefined {
  if (fields === undefined) return undefined;
  const defaults = CONFIG_DEFAULTS.alerting;
  const groupWaitMs = fields.duration('group_wait', defaults.groupWaitMs, { allowZero: true });
  const groupIntervalMs = fields.duration('group_interval', defaults.groupIntervalMs);
  const repeatIntervalMs = fields.duration('repeat_interval', defaults.repeatIntervalMs);
  if (
    groupWaitMs === undefined ||
    groupIntervalMs === undefined ||
    repeatIntervalMs === undefined
  ) {
    return undefined;
  }
  return { groupWaitMs, groupIntervalMs, repeatIntervalMs };
}
