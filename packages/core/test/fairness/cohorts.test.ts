import { describe, expect, it } from 'vitest';
import { cohortsOf, describeGroup, groupsOf, INTERSECTION_SEPARATOR } from '@fairwatch/core';

describe('cohortsOf', () => {
  it('lists each attribute, then every intersection of two or more, smallest first', () => {
    const cohorts = cohortsOf(['a', 'b', 'c'], true);
    expect(cohorts.map((c) => c.name)).toEqual(['a', 'b', 'c', 'a&b', 'a&c', 'b&c', 'a&b&c']);
    expect(cohorts.map((c) => c.attributes)).toEqual([
      ['a'],
      ['b'],
      ['c'],
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(INTERSECTION_SEPARATOR).toBe('&');
  });

  it('lists only the attributes when intersections are off, or with a single attribute', () => {
    expect(cohortsOf(['a', 'b', 'c'], false).map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(cohortsOf(['race'], true).map((c) => c.name)).toEqual(['race']);
    expect(cohortsOf([], true)).toEqual([]);
  });

  it('gives 2^k - 1 cohorts for k attributes', () => {
    expect(cohortsOf(['a', 'b', 'c', 'd', 'e'], true)).toHaveLength(31);
  });
});

describe('groupsOf', () => {
  const attributes = ['race', 'sex'];
  const cellValues = [
    ['B', 'F'],
    ['W', 'M'],
    ['B', 'M'],
    ['W', null],
    ['B', 'F'],
  ];

  it('groups cells by their values on the cohort attributes, in order of first appearance', () => {
    expect(groupsOf({ name: 'race', attributes: ['race'] }, attributes, cellValues)).toEqual([
      { attributes: { race: 'B' }, cells: [0, 2, 4] },
      { attributes: { race: 'W' }, cells: [1, 3] },
    ]);
  });

  it('keeps a missing value as a group of its own', () => {
    expect(groupsOf({ name: 'sex', attributes: ['sex'] }, attributes, cellValues)).toEqual([
      { attributes: { sex: 'F' }, cells: [0, 4] },
      { attributes: { sex: 'M' }, cells: [1, 2] },
      { attributes: { sex: null }, cells: [3] },
    ]);
  });

  it('groups an intersection by the tuple of values', () => {
    const groups = groupsOf(
      { name: 'race&sex', attributes: ['race', 'sex'] },
      attributes,
      cellValues,
    );
    expect(groups.map((g) => [g.attributes, g.cells])).toEqual([
      [{ race: 'B', sex: 'F' }, [0, 4]],
      [{ race: 'W', sex: 'M' }, [1]],
      [{ race: 'B', sex: 'M' }, [2]],
      [{ race: 'W', sex: null }, [3]],
    ]);
  });

  it('throws when the cohort names an attribute that is not among the attributes', () => {
    expect(() => groupsOf({ name: 'age', attributes: ['age'] }, attributes, cellValues)).toThrow(
      /age/,
    );
  });
});

describe('describeGroup', () => {
  it('names each attribute and value, and shows a missing value as (missing)', () => {
    expect(describeGroup({ race: 'Black', sex: 'F' })).toBe('race=Black, sex=F');
    expect(describeGroup({ race: null })).toBe('race=(missing)');
  });
});
