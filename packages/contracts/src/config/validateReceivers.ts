/** `receivers:` — where alerts are delivered, and the webhook signing secrets. */

import { CONFIG_DEFAULTS } from './configDefaults.js';
import { childPath, Fields, UniqueNames } from './configFields.js';
import { ENV_NAME_FORMAT, HTTP_URL_FORMAT, NAME_FORMAT } from './configFormats.js';
import { RECEIVER_TYPES } from './serviceConfig.js';
import type { ReceiverConfig } from './serviceConfig.js';

const RECEIVER_KEYS = [
  'name',
  'type',
  'url',
  'secret',
  'secret_env',
  'max_attempts',
  'timeout',
] as const;

/** Environment variables by name, as `process.env` has them. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface ValidatedReceivers {
  readonly receivers: readonly ReceiverConfig[] | undefined;
  /** Every name the file gives a receiver, for checking the names SLOs use. */
  readonly written: ReadonlySet<string>;
}

export function validateReceivers(root: Fields, env: ConfigEnv | undefined): ValidatedReceivers {
  const items = root.list('receivers');
  if (items === null) return { receivers: [], written: new Set() };
  if (items === undefined) return { receivers: undefined, written: new Set() };
  const receivers: ReceiverConfig[] = [];
  const names = new UniqueNames(root.log, 'receiver');
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const fields = Fields.of(root.log, item, childPath(root.at('receivers'), index), RECEIVER_KEYS);
    if (fields === undefined) {
      allValid = false;
      continue;
    }
    fields.claimName(names);
    const receiver = validateReceiver(fields, env);
    if (receiver === undefined) allValid = false;
    else receivers.push(receiver);
  }
  return { receivers: allValid ? receivers : undefined, written: names.names() };
}

function validateReceiver(fields: Fields, env: ConfigEnv | undefined): ReceiverConfig | undefined {
  const defaults = CONFIG_DEFAULTS.receiver;
  const name = fields.string('name', { format: NAME_FORMAT });
  const type = fields.choice('type', RECEIVER_TYPES);
  const url = fields.string('url', { format: HTTP_URL_FORMAT });
  const maxAttempts = fields.number('max_attempts', defaults.maxAttempts, {
    integer: true,
    min: 1,
  });
  const timeoutMs = fields.duration('timeout', defaults.timeoutMs);
  const secret = type === 'webhook' ? validateSecret(fields, env) : undefined;
  if (type === 'alertmanager') {
    for (const key of ['secret', 'secret_env']) {
      if (fields.has(key)) {
        fields.log.add(
          'inconsistent',
          fields.at(key),
          `\`${key}\` is for webhook receivers; an alertmanager receiver takes none`,
        );
        return undefined;
      }
    }
  }
  if (
    name === undefined ||
    type === undefined ||
    url === undefined ||
    maxAttempts === undefined ||
    timeoutMs === undefined
  ) {
    return undefined;
  }
  const common = { name, url, maxAttempts, timeoutMs };
  if (type === 'alertmanager') return { type, ...common };
  return secret === undefined ? undefined : { type, ...common, ...secret };
}

/** Exactly one of `secret` and `secret_env`; the variable must be set and not empty. */
function validateSecret(
  fields: Fields,
  env: ConfigEnv | undefined,
): { secret: string; secretEnv: string | null } | undefined {
  const { log } = fields;
  if (fields.has('secret') && fields.has('secret_env')) {
    log.add('inconsistent', fields.at('secret_env'), 'give `secret` or `secret_env`, not both');
    return undefined;
  }
  if (fields.has('secret')) {
    const secret = fields.string('secret');
    return secret === undefined ? undefined : { secret, secretEnv: null };
  }
  if (!fields.has('secret_env')) {
    log.add(
      'missing',
      fields.at('secret'),
      'a webhook receiver needs `secret` or `secret_env` (the name of an environment variable that holds it)',
    );
    return undefined;
  }
  const secretEnv = fields.string('secret_env', { format: ENV_NAME_FORMAT });
  if (secretEnv === undefined) return undefined;
  const secret = env !== undefined && Object.hasOwn(env, secretEnv) ? env[secretEnv] : undefined;
  if (secret === undefined || secret === '') {
    log.add(
      'unset_env',
      fields.at('secret_env'),
      env === undefined
        ? `environment variable \`${secretEnv}\` cannot be read: no environment was given to the validator`
        : `environment variable \`${secretEnv}\` is ${secret === '' ? 'empty' : 'not set'}`,
    );
    return undefined;
  }
  return { secret, secretEnv };
}
