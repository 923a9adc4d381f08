/** `slos:` — fairness SLOs on a model's groups and their burn-rate alert rules. */

import { closestKey } from './closestKey.js';
import { CONFIG_DEFAULTS } from './configDefaults.js';
import { childPath, Fields, readNumber, readString, UniqueNames } from './configFields.js';
import type { IssueLog } from './configFields.js';
import { HTTP_URL_FORMAT, NAME_FORMAT } from './configFormats.js';
import { formatDuration } from './duration.js';
import { COMPARISONS, DISPARITY_KINDS, RATE_METRIC_NAMES, SEVERITIES } from './serviceConfig.js';
import type { BurnRateRule, DisparityKind, SloConfig } from './serviceConfig.js';
import { intersectionKey } from './validateModels.js';
import type { KnownModel } from './validateModels.js';

const SLO_KEYS = [
  'name',
  'model',
  'attribute',
  'metric',
  'kind',
  'compare',
  'band',
  'window',
  'min_samples',
  'objective',
  'period',
  'false_alarm_rate',
  'for',
  'runbook_url',
  'receivers',
  'alerts',
] as const;

const RULE_KEYS = ['severity', 'long_window', 'short_window', 'burn_rate'] as const;

/** What the rest of the file says that SLOs refer to. */
export interface SloContext {
  readonly models: ReadonlyMap<string, KnownModel>;
  /** Every receiver name the file gives. */
  readonly receiverNames: ReadonlySet<string>;
  /** The names of the valid receivers, in order: an SLO's default. */
  readonly allReceivers: readonly string[];
  /** `server.bucket`, when valid: windows are whole numbers of buckets. */
  readonly bucketMs: number | undefined;
}

export function validateSlos(root: Fields, context: SloContext): readonly SloConfig[] | undefined {
  const items = root.list('slos');
  if (items === null) return [];
  if (items === undefined) return undefined;
  const slos: SloConfig[] = [];
  const names = new UniqueNames(root.log, 'SLO');
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const fields = Fields.of(root.log, item, childPath(root.at('slos'), index), SLO_KEYS);
    if (fields === undefined) {
      allValid = false;
      continue;
    }
    fields.claimName(names);
    const slo = validateSlo(fields, context);
    if (slo === undefined) allValid = false;
    else slos.push(slo);
  }
  return allValid ? slos : undefined;
}

function validateSlo(fields: Fields, context: SloContext): SloConfig | undefined {
  const defaults = CONFIG_DEFAULTS.slo;
  const name = fields.string('name', { format: NAME_FORMAT });
  const model = validateModelName(fields, context);
  const cohort = validateAttribute(
    fields,
    model,
    model === undefined ? undefined : context.models.get(model),
  );
  const metric = fields.choice('metric', RATE_METRIC_NAMES);
  const kind = fields.choice('kind', DISPARITY_KINDS);
  const compare = fields.choice('compare', COMPARISONS);
  const band = validateBand(fields, kind);
  const windowMs = validateWindow(
    fields.log,
    fields.at('window'),
    fields.duration('window', defaults.windowMs),
    context.bucketMs,
  );
  const minSamples = fields.number('min_samples', defaults.minSamples, { integer: true, min: 1 });
  const objective = fields.number('objective', defaults.objective, {
    min: 0,
    max: 1,
    minExclusive: true,
    maxExclusive: true,
  });
  const periodMs = fields.duration('period', defaults.periodMs);
  const falseAlarmRate = fields.number('false_alarm_rate', defaults.falseAlarmRate, {
    min: 0,
    max: 0.5,
    minExclusive: true,
    maxExclusive: true,
  });
  const forMs = fields.duration('for', defaults.forMs, { allowZero: true });
  const runbookUrl = fields.optionalString('runbook_url', HTTP_URL_FORMAT);
  const receivers = validateSloReceivers(fields, context);
  const alerts = validateRules(fields, objective, context.bucketMs);
  if (
    name === undefined ||
    model === undefined ||
    cohort === undefined ||
    metric === undefined ||
    kind === undefined ||
    compare === undefined ||
    band === undefined ||
    windowMs === undefined ||
    minSamples === undefined ||
    objective === undefined ||
    periodMs === undefined ||
    falseAlarmRate === undefined ||
    forMs === undefined ||
    runbookUrl === undefined ||
    receivers === undefined ||
    alerts === undefined
  ) {
    return undefined;
  }
  return {
    name,
    model,
    attribute: cohort.attribute,
    attributes: cohort.attributes,
    metric,
    kind,
    compare,
    band,
    windowMs,
    minSamples,
    objective,
    periodMs,
    falseAlarmRate,
    forMs,
    runbookUrl,
    receivers,
    alerts,
  };
}

/** `; did you mean `x`?` when a known name is close, else `; <what> are a, b, c`. */
function hint(name: string, known: readonly string[], what: string): string {
  const suggestion = closestKey(name, known);
  if (suggestion !== null) return `; did you mean \`${suggestion}\`?`;
  return known.length === 0 ? '' : `; ${what} are ${known.join(', ')}`;
}

function validateModelName(fields: Fields, context: SloContext): string | undefined {
  const model = fields.string('model');
  if (model === undefined || context.models.has(model)) return model;
  const message = `no model named \`${model}\`${hint(model, [...context.models.keys()], 'models')}`;
  fields.log.add('unknown_reference', fields.at('model'), message);
  return undefined;
}

interface Cohort {
  /** `segment`, or `segment&sex` in the intersection's configured order. */
  readonly attribute: string;
  readonly attributes: readonly string[];
}

/** The attribute, or the configured intersection (written in any order) as configured. */
function validateAttribute(
  fields: Fields,
  modelName: string | undefined,
  model: KnownModel | undefined,
): Cohort | undefined {
  const text = fields.string('attribute');
  if (text === undefined) return undefined;
  const parts = text.split('&').map((part) => part.trim());
  const asWritten = { attribute: parts.join('&'), attributes: parts };
  if (modelName === undefined || model === undefined) return asWritten;
  const path = fields.at('attribute');
  if (parts.length === 1) {
    if (model.attributes === null || model.attributes.has(asWritten.attribute)) return asWritten;
    const attributes = [...model.attributes];
    fields.log.add(
      'unknown_reference',
      path,
      `\`${text}\` is not an attribute of model \`${modelName}\`${hint(text, attributes, 'its attributes')}`,
    );
    return undefined;
  }
  if (model.intersections === null) return asWritten;
  const configured = model.intersections.get(intersectionKey(parts));
  if (configured !== undefined) return { attribute: configured.join('&'), attributes: configured };
  const known = [...model.intersections.values()].map((members) => members.join('&'));
  fields.log.add(
    'unknown_reference',
    path,
    `\`${text}\` is not an intersection configured for model \`${modelName}\`; ` +
      (known.length === 0
        ? "add it to the model's `intersections`"
        : `its intersections are ${known.join(', ')}`),
  );
  return undefined;
}

/** `[low, high]` with low < high; a ratio band is positive. The default depends on `kind`. */
function validateBand(
  fields: Fields,
  kind: DisparityKind | undefined,
): readonly [number, number] | undefined {
  const { log } = fields;
  const path = fields.at('band');
  const items = fields.list('band');
  if (items === null) {
    if (kind === undefined) return undefined;
    return kind === 'ratio' ? CONFIG_DEFAULTS.slo.ratioBand : CONFIG_DEFAULTS.slo.differenceBand;
  }
  if (items === undefined) return undefined;
  if (items.length !== 2) {
    log.add('invalid_type', path, `expected [low, high], got a list of ${String(items.length)}`);
    return undefined;
  }
  const low = readNumber(log, items[0], childPath(path, 0), {});
  const high = readNumber(log, items[1], childPath(path, 1), {});
  if (low === undefined || high === undefined) return undefined;
  if (low >= high) {
    log.add('inconsistent', path, `low must be below high, got [${String(low)}, ${String(high)}]`);
    return undefined;
  }
  if (kind === 'ratio' && low <= 0) {
    log.add('too_small', childPath(path, 0), `a ratio band must be positive, got ${String(low)}`);
    return undefined;
  }
  return [low, high];
}

/** A window of statistics is a merge of whole buckets. */
function validateWindow(
  log: IssueLog,
  path: string,
  windowMs: number | undefined,
  bucketMs: number | undefined,
): number | undefined {
  if (windowMs === undefined || bucketMs === undefined || windowMs % bucketMs === 0) {
    return windowMs;
  }
  log.add(
    'inconsistent',
    path,
    `must be a whole number of server.bucket (${formatDuration(bucketMs)}), got ${formatDuration(windowMs)}`,
  );
  return undefined;
}

/** Receiver names; every receiver when the SLO lists none. */
function validateSloReceivers(fields: Fields, context: SloContext): readonly string[] | undefined {
  const { log } = fields;
  const items = fields.list('receivers');
  if (items === null) return context.allReceivers;
  if (items === undefined) return undefined;
  const names: string[] = [];
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const path = childPath(fields.at('receivers'), index);
    const name = readString(log, item, path);
    if (name === undefined) {
      allValid = false;
    } else if (names.includes(name)) {
      log.add('duplicate', path, `receiver \`${name}\` is listed twice`);
      allValid = false;
    } else if (!context.receiverNames.has(name)) {
      const known = [...context.receiverNames];
      log.add(
        'unknown_reference',
        path,
        `no receiver named \`${name}\`${hint(name, known, 'receivers')}`,
      );
      allValid = false;
    } else {
      names.push(name);
    }
  }
  return allValid ? names : undefined;
}

/**
 * The burn-rate rules, the SRE workbook's pair by default. With objective o at most a
 * fraction 1 of evaluations can be bad, so a burn rate above 1 / (1 - o) can never fire.
 */
function validateRules(
  fields: Fields,
  objective: number | undefined,
  bucketMs: number | undefined,
): readonly BurnRateRule[] | undefined {
  const { log } = fields;
  const maxBurnRate = objective === undefined ? undefined : 1 / (1 - objective);
  const items = fields.list('alerts');
  if (items === null) {
    const unreachable = CONFIG_DEFAULTS.slo.alerts.filter(
      (rule) => maxBurnRate !== undefined && rule.burnRate > maxBurnRate * (1 + 1e-12),
    );
    if (maxBurnRate !== undefined && unreachable.length > 0) {
      log.add(
        'inconsistent',
        fields.at('objective'),
        `with objective ${String(objective)} the burn rate is at most ${String(Number(maxBurnRate.toPrecision(3)))}, ` +
          `so the default alert rules with burn rate ${unreachable.map((rule) => String(rule.burnRate)).join(' and ')} ` +
          'can never fire; raise the objective or write `alerts`',
      );
      return undefined;
    }
    return CONFIG_DEFAULTS.slo.alerts;
  }
  if (items === undefined) return undefined;
  const rules: BurnRateRule[] = [];
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const rule = Fields.of(log, item, childPath(fields.at('alerts'), index), RULE_KEYS);
    const validated =
      rule === undefined ? undefined : validateRule(rule, maxBurnRate, objective, bucketMs);
    if (validated === undefined) allValid = false;
    else rules.push(validated);
  }
  return allValid ? rules : undefined;
}

function validateRule(
  rule: Fields,
  maxBurnRate: number | undefined,
  objective: number | undefined,
  bucketMs: number | undefined,
): BurnRateRule | undefined {
  const { log } = rule;
  const severity = rule.choice('severity', SEVERITIES);
  const longWindowMs = validateWindow(
    log,
    rule.at('long_window'),
    rule.requiredDuration('long_window'),
    bucketMs,
  );
  let shortWindowMs = validateWindow(
    log,
    rule.at('short_window'),
    rule.requiredDuration('short_window'),
    bucketMs,
  );
  if (shortWindowMs !== undefined && longWindowMs !== undefined && shortWindowMs >= longWindowMs) {
    log.add(
      'inconsistent',
      rule.at('short_window'),
      `must be shorter than long_window (${formatDuration(longWindowMs)}), got ${formatDuration(shortWindowMs)}`,
    );
    shortWindowMs = undefined;
  }
  let burnRate = rule.requiredNumber('burn_rate', { min: 0, minExclusive: true });
  if (burnRate !== undefined && maxBurnRate !== undefined && burnRate > maxBurnRate * (1 + 1e-12)) {
    log.add(
      'inconsistent',
      rule.at('burn_rate'),
      `can never fire: with objective ${String(objective)} the burn rate is at most ${String(Number(maxBurnRate.toPrecision(3)))}`,
    );
    burnRate = undefined;
  }
  if (
    severity === undefined ||
    longWindowMs === undefined ||
    shortWindowMs === undefined ||
    burnRate === undefined
  ) {
    return undefined;
  }
  return { severity, longWindowMs, shortWindowMs, burnRate };
}
