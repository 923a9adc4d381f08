/** `models:` — each model's threshold, sensitive attributes, intersections and references. */

import { CONFIG_DEFAULTS } from './configDefaults.js';
import {
  childPath,
  describeValue,
  Fields,
  isMapping,
  readString,
  UniqueNames,
} from './configFields.js';
import { ATTRIBUTE_FORMAT, NAME_FORMAT } from './configFormats.js';
import type { ModelConfig } from './serviceConfig.js';

const MODEL_KEYS = [
  'name',
  'threshold',
  'attributes',
  'intersections',
  'references',
  'min_samples',
] as const;

/**
 * What SLOs may name, gathered even from models that have issues so that one mistake is
 * reported once: a set is null when the model's list itself is unusable, and then nothing
 * is checked against it.
 */
export interface KnownModel {
  readonly attributes: ReadonlySet<string> | null;
  /** Configured intersections by `intersectionKey`. */
  readonly intersections: ReadonlyMap<string, readonly string[]> | null;
}

/** One spelling for an intersection whatever the order of its attributes. */
export function intersectionKey(attributes: readonly string[]): string {
  return [...attributes].sort().join('&');
}

export interface ValidatedModels {
  readonly models: readonly ModelConfig[] | undefined;
  readonly known: ReadonlyMap<string, KnownModel>;
}

export function validateModels(root: Fields): ValidatedModels {
  const known = new Map<string, KnownModel>();
  const items = root.list('models');
  if (items === null) {
    root.required('models', 'at least one model');
    return { models: undefined, known };
  }
  if (items === undefined) return { models: undefined, known };
  if (items.length === 0) {
    root.log.add('too_small', root.at('models'), 'at least one model is required');
    return { models: undefined, known };
  }
  const models: ModelConfig[] = [];
  const names = new UniqueNames(root.log, 'model');
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const fields = Fields.of(root.log, item, childPath(root.at('models'), index), MODEL_KEYS);
    fields?.claimName(names);
    const model = fields === undefined ? undefined : validateModel(fields, known);
    if (model === undefined) allValid = false;
    else models.push(model);
  }
  return { models: allValid ? models : undefined, known };
}

function validateModel(fields: Fields, known: Map<string, KnownModel>): ModelConfig | undefined {
  const defaults = CONFIG_DEFAULTS.model;
  const name = fields.string('name', { format: NAME_FORMAT });
  const rawName = fields.get('name');
  const threshold = fields.number('threshold', defaults.threshold, { min: 0, max: 1 });
  const attributes = validateAttributes(fields);
  const intersections = validateIntersections(fields, attributes.written);
  const references = validateReferences(fields, attributes.written);
  const minSamples = fields.number('min_samples', defaults.minSamples, { integer: true, min: 1 });

  if (typeof rawName === 'string' && !known.has(rawName)) {
    known.set(rawName, { attributes: attributes.written, intersections: intersections.written });
  }
  if (
    name === undefined ||
    threshold === undefined ||
    attributes.valid === undefined ||
    intersections.valid === undefined ||
    references === undefined ||
    minSamples === undefined
  ) {
    return undefined;
  }
  return {
    name,
    threshold,
    attributes: attributes.valid,
    intersections: intersections.valid,
    references,
    minSamples,
  };
}

interface Checked<Valid, Written> {
  /** The value when it has no issue. */
  readonly valid: Valid | undefined;
  /** What the file names, issues or not, for checking references; null when unusable. */
  readonly written: Written | null;
}

/** A list of strings, each with an issue of its own when it is not a string or repeats. */
function readNameList(
  fields: Fields,
  path: string,
  items: readonly unknown[],
  what: string,
): Checked<string[], Set<string>> {
  const { log } = fields;
  const valid: string[] = [];
  const written = new Set<string>();
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const itemPath = childPath(path, index);
    const text = readString(log, item, itemPath, ATTRIBUTE_FORMAT);
    if (typeof item === 'string' && written.has(item)) {
      log.add('duplicate', itemPath, `${what} \`${item}\` is listed twice`);
      allValid = false;
    } else if (text === undefined) {
      allValid = false;
    } else {
      valid.push(text);
    }
    if (typeof item === 'string') written.add(item);
  }
  return { valid: allValid ? valid : undefined, written };
}

function validateAttributes(fields: Fields): Checked<readonly string[], ReadonlySet<string>> {
  const items = fields.list('attributes');
  if (items === null) {
    fields.required('attributes', 'at least one attribute');
    return { valid: undefined, written: null };
  }
  if (items === undefined) return { valid: undefined, written: null };
  if (items.length === 0) {
    fields.log.add('too_small', fields.at('attributes'), 'at least one attribute is required');
    return { valid: undefined, written: null };
  }
  return readNameList(fields, fields.at('attributes'), items, 'attribute');
}

function listAttributes(attributes: ReadonlySet<string>): string {
  return [...attributes].join(', ');
}

function validateIntersections(
  fields: Fields,
  attributes: ReadonlySet<string> | null,
): Checked<readonly (readonly string[])[], ReadonlyMap<string, readonly string[]>> {
  const { log } = fields;
  const items = fields.list('intersections');
  if (items === null) return { valid: [], written: new Map() };
  if (items === undefined) return { valid: undefined, written: null };
  const valid: (readonly string[])[] = [];
  const written = new Map<string, readonly string[]>();
  const keyPaths = new Map<string, string>();
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const path = childPath(fields.at('intersections'), index);
    if (!Array.isArray(item)) {
      log.add('invalid_type', path, `expected a list of attributes, got ${describeValue(item)}`);
      allValid = false;
      continue;
    }
    const members: readonly unknown[] = item;
    const names = readNameList(fields, path, members, 'attribute');
    let ok = names.valid !== undefined;
    if (members.length < 2) {
      log.add('too_small', path, 'an intersection needs at least two attributes');
      ok = false;
    }
    if (attributes !== null) {
      for (const [memberIndex, member] of members.entries()) {
        if (typeof member === 'string' && !attributes.has(member)) {
          log.add(
            'unknown_reference',
            childPath(path, memberIndex),
            `\`${member}\` is not an attribute of this model; its attributes are ${listAttributes(attributes)}`,
          );
          ok = false;
        }
      }
    }
    if (names.valid !== undefined && members.length >= 2) {
      const key = intersectionKey(names.valid);
      const firstPath = keyPaths.get(key);
      if (firstPath !== undefined) {
        log.add('duplicate', path, `the same intersection as ${firstPath}`);
        ok = false;
      } else {
        keyPaths.set(key, path);
        written.set(key, names.valid);
      }
    }
    if (ok && names.valid !== undefined) valid.push(names.valid);
    else allValid = false;
  }
  return { valid: allValid ? valid : undefined, written };
}

function validateReferences(
  fields: Fields,
  attributes: ReadonlySet<string> | null,
): Readonly<Record<string, string>> | undefined {
  const { log } = fields;
  const value = fields.get('references');
  if (value === undefined) return {};
  if (!isMapping(value)) {
    log.add(
      'invalid_type',
      fields.at('references'),
      `expected a mapping of attribute to reference group, got ${describeValue(value)}`,
    );
    return undefined;
  }
  const references: [string, string][] = [];
  let allValid = true;
  for (const [attribute, group] of Object.entries(value)) {
    const path = childPath(fields.at('references'), attribute);
    if (attributes !== null && !attributes.has(attribute)) {
      log.add(
        'unknown_reference',
        path,
        `\`${attribute}\` is not an attribute of this model; its attributes are ${listAttributes(attributes)}`,
      );
      allValid = false;
    }
    if (typeof group === 'number' || typeof group === 'boolean') {
      log.add(
        'invalid_type',
        path,
        `expected the reference group's value as text, got ${String(group)}; quote it: "${String(group)}"`,
      );
      allValid = false;
      continue;
    }
    const text = readString(log, group, path);
    if (text === undefined) allValid = false;
    else references.push([attribute, text]);
  }
  return allValid ? Object.fromEntries(references) : undefined;
}
