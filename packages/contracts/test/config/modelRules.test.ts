import { describe, expect, it } from 'vitest';
import { issuesOf, onlyIssue, validConfig, withModel, withTop } from './configFixtures.js';

const paths = (raw: unknown): string[] =>
  issuesOf(raw).map((issue) => `${issue.path} ${issue.code}`);

describe('models', () => {
  it('requires at least one model', () => {
    expect(onlyIssue({}, 'models', 'missing')).toBe('at least one model is required');
    onlyIssue({ models: [] }, 'models', 'too_small');
    onlyIssue({ models: { loans: {} } }, 'models', 'invalid_type');
    onlyIssue({ models: ['loans'] }, 'models[0]', 'invalid_type');
  });

  it('requires a unique name of letters, digits, _, . and -', () => {
    onlyIssue(withModel({ name: undefined }), 'models[0].name', 'missing');
    onlyIssue(withModel({ name: 'loans v2' }), 'models[0].name', 'invalid_format');
    onlyIssue(withModel({ name: 7 }), 'models[0].name', 'invalid_type');
    const duplicate = {
      models: [
        { name: 'loans', attributes: ['sex'] },
        { name: 'fraud', attributes: ['sex'] },
        { name: 'loans', attributes: ['sex'] },
      ],
    };
    expect(onlyIssue(duplicate, 'models[2].name', 'duplicate')).toBe(
      'model `loans` is already defined at models[0].name',
    );
  });

  it('takes a threshold in [0, 1]', () => {
    expect(validConfig(withModel({ threshold: 0 })).models[0]?.threshold).toBe(0);
    expect(validConfig(withModel({ threshold: 1 })).models[0]?.threshold).toBe(1);
    expect(onlyIssue(withModel({ threshold: 1.5 }), 'models[0].threshold', 'too_big')).toBe(
      'must be in [0, 1], got 1.5',
    );
    onlyIssue(withModel({ threshold: -0.1 }), 'models[0].threshold', 'too_small');
    onlyIssue(withModel({ threshold: '0.5' }), 'models[0].threshold', 'invalid_type');
    onlyIssue(withModel({ threshold: Number.NaN }), 'models[0].threshold', 'invalid_type');
  });

  it('requires a non-empty list of unique attribute names', () => {
    onlyIssue({ models: [{ name: 'loans' }] }, 'models[0].attributes', 'missing');
    onlyIssue(withModel({ attributes: [] }), 'models[0].attributes', 'too_small');
    onlyIssue(withModel({ attributes: 'sex' }), 'models[0].attributes', 'invalid_type');
    onlyIssue(withModel({ attributes: ['sex', 'sex'] }), 'models[0].attributes[1]', 'duplicate');
    onlyIssue(withModel({ attributes: ['sex', ''] }), 'models[0].attributes[1]', 'missing');
    onlyIssue(withModel({ attributes: ['sex', 3] }), 'models[0].attributes[1]', 'invalid_type');
    onlyIssue(withModel({ attributes: ['race&sex'] }), 'models[0].attributes[0]', 'invalid_format');
  });

  it('takes intersections of two or more distinct attributes of the model', () => {
    const raw = withModel({
      attributes: ['a', 'b', 'c'],
      intersections: [
        ['a', 'b'],
        ['a', 'b', 'c'],
      ],
    });
    expect(validConfig(raw).models[0]?.intersections).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    onlyIssue(
      withModel({ intersections: [['segment']] }),
      'models[0].intersections[0]',
      'too_small',
    );
    onlyIssue(
      withModel({ intersections: ['segment'] }),
      'models[0].intersections[0]',
      'invalid_type',
    );
    onlyIssue(
      withModel({ intersections: 'segment&sex' }),
      'models[0].intersections',
      'invalid_type',
    );
    onlyIssue(
      withModel({ intersections: [['segment', 'sex', 'segment']] }),
      'models[0].intersections[0][2]',
      'duplicate',
    );
    expect(
      onlyIssue(
        withModel({ intersections: [['segment', 'race']] }),
        'models[0].intersections[0][1]',
        'unknown_reference',
      ),
    ).toBe('`race` is not an attribute of this model; its attributes are segment, sex');
  });

  it('rejects the same intersection twice, in any order', () => {
    expect(
      onlyIssue(
        withModel({
          intersections: [
            ['segment', 'sex'],
            ['sex', 'segment'],
          ],
        }),
        'models[0].intersections[1]',
        'duplicate',
      ),
    ).toBe('the same intersection as models[0].intersections[0]');
  });

  it('takes references keyed by attributes of the model', () => {
    expect(validConfig(withModel({ references: { sex: 'M' } })).models[0]?.references).toEqual({
      sex: 'M',
    });
    expect(
      onlyIssue(
        withModel({ references: { race: 'White' } }),
        'models[0].references.race',
        'unknown_reference',
      ),
    ).toBe('`race` is not an attribute of this model; its attributes are segment, sex');
    onlyIssue(withModel({ references: [{ sex: 'M' }] }), 'models[0].references', 'invalid_type');
    onlyIssue(withModel({ references: { sex: '' } }), 'models[0].references.sex', 'missing');
  });

  it('asks for a number-like reference group to be quoted', () => {
    expect(
      onlyIssue(
        withModel({ references: { segment: 2019 } }),
        'models[0].references.segment',
        'invalid_type',
      ),
    ).toBe(`expected the reference group's value as text, got 2019; quote it: "2019"`);
  });

  it('quotes an attribute name that is not an identifier in the path', () => {
    const raw = withModel({ attributes: ['age band'], references: { 'age  band': '18-25' } });
    onlyIssue(raw, 'models[0].references["age  band"]', 'unknown_reference');
  });

  it('takes min_samples as an integer of at least 1', () => {
    onlyIssue(withModel({ min_samples: 0 }), 'models[0].min_samples', 'too_small');
    onlyIssue(withModel({ min_samples: 2.5 }), 'models[0].min_samples', 'invalid_type');
  });

  it('reports each bad model of several', () => {
    expect(
      paths(
        withTop({
          models: [
            { name: 'a', attributes: ['x'], threshold: 2 },
            { name: 'b', attributes: ['x'] },
            { name: 'c', attributes: ['x'], min_samples: -1 },
          ],
        }),
      ),
    ).toEqual(['models[0].threshold too_big', 'models[2].min_samples too_small']);
  });
});
