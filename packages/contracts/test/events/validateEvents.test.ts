import { describe, expect, it } from 'vitest';
import { validateDeployment, validateOutcome, validatePrediction } from '../../src/index.js';

const base = { id: 'p1', model: 'loans', version: 'v1', ts: '2026-11-26T10:00:00Z', score: 0.7 };

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string | null {
  return result.ok ? null : result.reason;
}

describe('validatePrediction', () => {
  it('accepts RFC 3339 and epoch milliseconds alike', () => {
    const a = validatePrediction(base);
    const b = validatePrediction({ ...base, ts: Date.parse('2026-11-26T10:00:00Z') });
    expect(a.ok && b.ok && a.value.ts === b.value.ts).toBe(true);
  });

  it('turns group numbers and booleans into text and empty values into null', () => {
    const result = validatePrediction({ ...base, groups: { age: 42, vip: true, race: '' } });
    expect(result.ok && result.value.groups).toEqual({ age: '42', vip: 'true', race: null });
  });

  it.each([
    [{ ...base, id: undefined }, 'missing id'],
    [{ ...base, id: '' }, 'id is empty'],
    [{ ...base, model: 3 }, 'model must be a string'],
    [{ ...base, version: undefined }, 'missing version'],
    [{ ...base, ts: 'yesterday' }, 'ts must be RFC 3339 with a time zone or epoch milliseconds'],
    [
      { ...base, ts: '2026-11-26T10:00:00' },
      'ts must be RFC 3339 with a time zone or epoch milliseconds',
    ],
    [{ ...base, ts: 1_700_000_000 }, 'ts is before 2000-01-01 (seconds instead of milliseconds?)'],
    [{ ...base, score: 1.5 }, 'score must lie in [0, 1]'],
    [{ ...base, score: '0.5' }, 'score must be a finite number'],
    [{ ...base, score: undefined }, 'a prediction needs score or prediction'],
    [{ ...base, prediction: 2 }, 'prediction must be 0 or 1'],
    [{ ...base, groups: ['a'] }, 'groups must be an object of attribute values'],
    [
      { ...base, groups: { race: { x: 1 } } },
      'groups.race must be a string, number, boolean or null',
    ],
    [{ ...base, features: 3 }, 'features must be an object'],
    ['text', 'a prediction must be a JSON object'],
  ])('rejects %j with "%s"', (raw, reason) => {
    expect(reasonOf(validatePrediction(raw))).toBe(reason);
  });
});

describe('validateOutcome', () => {
  it('accepts true and false as labels', () => {
    const result = validateOutcome({ id: 'p1', ts: 1_800_000_000_000, label: true });
    expect(result.ok && result.value.label).toBe(1);
  });

  it.each([
    [{ ts: 1_800_000_000_000, label: 1 }, 'missing id'],
    [{ id: 'p1', ts: 1_800_000_000_000 }, 'missing label'],
    [{ id: 'p1', ts: 1_800_000_000_000, label: 'yes' }, 'label must be 0 or 1'],
  ])('rejects %j with "%s"', (raw, reason) => {
    expect(reasonOf(validateOutcome(raw))).toBe(reason);
  });
});

describe('validateDeployment', () => {
  it('rejects an unknown kind, naming the allowed ones', () => {
    const result = validateDeployment({
      model: 'm',
      version: 'v',
      ts: 1_800_000_000_000,
      kind: 'x',
    });
    expect(reasonOf(result)).toBe('kind must be one of deploy, canary_start, promote, rollback');
  });
});
