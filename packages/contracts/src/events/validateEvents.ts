import {
  binary,
  fail,
  isRecord,
  ok,
  requiredId,
  requiredName,
  requiredTime,
  type Checked,
} from './eventFields.js';
import {
  DEPLOYMENT_KINDS,
  type DeploymentEvent,
  type DeploymentKind,
  type OutcomeEvent,
  type PredictionEvent,
} from './eventTypes.js';

const MAX_GROUP_VALUE_LENGTH = 128;

/**
 * Checks the shape of one prediction. Whether the model is known, the time too far ahead, or
 * the id already taken is for the service to decide: those depend on its state.
 */
export function validatePrediction(raw: unknown): Checked<PredictionEvent> {
  if (!isRecord(raw)) return fail('a prediction must be a JSON object');
  const id = requiredId(raw, 'id');
  if (!id.ok) return id;
  const model = requiredName(raw, 'model');
  if (!model.ok) return model;
  const version = requiredName(raw, 'version');
  if (!version.ok) return version;
  const ts = requiredTime(raw, 'ts');
  if (!ts.ok) return ts;

  let score: number | null = null;
  if (raw.score !== undefined && raw.score !== null) {
    if (typeof raw.score !== 'number' || !Number.isFinite(raw.score)) {
      return fail('score must be a finite number');
    }
    if (raw.score < 0 || raw.score > 1) return fail('score must lie in [0, 1]');
    score = raw.score;
  }
  let prediction: 0 | 1 | null = null;
  if (raw.prediction !== undefined && raw.prediction !== null) {
    const decided = binary(raw.prediction, 'prediction');
    if (!decided.ok) return decided;
    prediction = decided.value;
  }
  if (score === null && prediction === null) return fail('a prediction needs score or prediction');

  const groups = groupValues(raw.groups);
  if (!groups.ok) return groups;
  let features: Record<string, unknown> | null = null;
  if (raw.features !== undefined && raw.features !== null) {
    if (!isRecord(raw.features)) return fail('features must be an object');
    features = raw.features;
  }
  let traffic: string | null = null;
  if (raw.traffic !== undefined && raw.traffic !== null) {
    const named = requiredName(raw, 'traffic');
    if (!named.ok) return named;
    traffic = named.value;
  }
  return ok({
    id: id.value,
    model: model.value,
    version: version.value,
    ts: ts.value,
    score,
    prediction,
    groups: groups.value,
    features,
    traffic,
  });
}

export function validateOutcome(raw: unknown): Checked<OutcomeEvent> {
  if (!isRecord(raw)) return fail('an outcome must be a JSON object');
  const id = requiredId(raw, 'id');
  if (!id.ok) return id;
  const ts = requiredTime(raw, 'ts');
  if (!ts.ok) return ts;
  if (raw.label === undefined || raw.label === null) return fail('missing label');
  const label = binary(raw.label, 'label');
  if (!label.ok) return label;
  return ok({ id: id.value, ts: ts.value, label: label.value });
}

export function validateDeployment(raw: unknown): Checked<DeploymentEvent> {
  if (!isRecord(raw)) return fail('a deployment must be a JSON object');
  const model = requiredName(raw, 'model');
  if (!model.ok) return model;
  const version = requiredName(raw, 'version');
  if (!version.ok) return version;
  const ts = requiredTime(raw, 'ts');
  if (!ts.ok) return ts;
  const kind = raw.kind;
  if (!isDeploymentKind(kind)) {
    return fail(`kind must be one of ${DEPLOYMENT_KINDS.join(', ')}`);
  }
  return ok({ model: model.value, version: version.value, ts: ts.value, kind });
}

function isDeploymentKind(value: unknown): value is DeploymentKind {
  return typeof value === 'string' && (DEPLOYMENT_KINDS as readonly string[]).includes(value);
}

/** Attribute values as text; numbers and booleans are turned into text, null means missing. */
function groupValues(raw: unknown): Checked<Readonly<Record<string, string | null>>> {
  if (raw === undefined || raw === null) return ok({});
  if (!isRecord(raw)) return fail('groups must be an object of attribute values');
  const groups: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined || value === '') {
      groups[name] = null;
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      const text = String(value);
      if (text.length > MAX_GROUP_VALUE_LENGTH) {
        return fail(`groups.${name} is longer than ${String(MAX_GROUP_VALUE_LENGTH)} characters`);
      }
      groups[name] = text;
    } else {
      return fail(`groups.${name} must be a string, number, boolean or null`);
    }
  }
  return ok(groups);
}
