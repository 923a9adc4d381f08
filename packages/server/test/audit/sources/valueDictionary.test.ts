import { describe, expect, it } from 'vitest';
import { MISSING_CODE } from '../../../src/audit/sources/tableSource.js';
import {
  canonicalText,
  toFiniteNumber,
  ValueDictionary,
} from '../../../src/audit/sources/valueDictionary.js';

describe('ValueDictionary', () => {
  it('gives codes in order of first appearance and keeps them', () => {
    const dictionary = new ValueDictionary();
    expect(['b', 'a', 'b', 'c', 'a'].map((value) => dictionary.codeOf(value))).toEqual([
      0, 1, 0, 2, 1,
    ]);
    expect(dictionary.values).toEqual(['b', 'a', 'c']);
  });

  it('gives null, undefined and the empty string the missing code without a dictionary entry', () => {
    const dictionary = new ValueDictionary();
    expect(dictionary.codeOf(null)).toBe(MISSING_CODE);
    expect(dictionary.codeOf(undefined)).toBe(MISSING_CODE);
    expect(dictionary.codeOf('')).toBe(MISSING_CODE);
    expect(dictionary.values).toEqual([]);
  });

  it('identifies a value by its canonical text, so 1, 1.0, 1n and "1" are one category', () => {
    const dictionary = new ValueDictionary();
    const codes = [1, 1.0, 1n, '1', 2.5, '2.50'].map((value) => dictionary.codeOf(value));
    expect(codes).toEqual([0, 0, 0, 0, 1, 2]);
    expect(dictionary.values).toEqual(['1', '2.5', '2.50']);
  });

  it('writes booleans, dates and nested values as text', () => {
    const dictionary = new ValueDictionary();
    dictionary.codeOf(true);
    dictionary.codeOf(false);
    dictionary.codeOf(new Date(Date.UTC(2024, 0, 2)));
    dictionary.codeOf(new Date(Date.UTC(2024, 0, 2)));
    dictionary.codeOf({ a: [1, 'x'], b: 2n });
    dictionary.codeOf([1, 2]);
    expect(dictionary.values).toEqual([
      'true',
      'false',
      '2024-01-02T00:00:00.000Z',
      '{"a":[1,"x"],"b":"2"}',
      '[1,2]',
    ]);
  });

  it('keeps the string "true" and the boolean true as one category', () => {
    const dictionary = new ValueDictionary();
    expect(dictionary.codeOf('true')).toBe(dictionary.codeOf(true));
  });

  it('gives -0 and 0 the same category "0", and NaN the category "NaN"', () => {
    const dictionary = new ValueDictionary();
    expect(dictionary.codeOf(-0)).toBe(dictionary.codeOf(0));
    dictionary.codeOf(NaN);
    expect(dictionary.values).toEqual(['0', 'NaN']);
  });
});

describe('canonicalText', () => {
  it('writes an invalid date as "Invalid Date" instead of throwing', () => {
    expect(canonicalText(new Date(NaN))).toBe('Invalid Date');
  });
});

describe('toFiniteNumber', () => {
  function convert(value: unknown): { value: number; bad: string | undefined } {
    const bad = new Map<number, string>();
    const result = toFiniteNumber(value, 7, bad);
    expect([...bad.keys()].filter((row) => row !== 7)).toEqual([]);
    return { value: result, bad: bad.get(7) };
  }

  it('passes finite numbers through', () => {
    expect(convert(0.25)).toEqual({ value: 0.25, bad: undefined });
    expect(convert(-3)).toEqual({ value: -3, bad: undefined });
  });

  it('parses decimal strings, allowing surrounding whitespace and exponents', () => {
    expect(convert(' 0.75 ')).toEqual({ value: 0.75, bad: undefined });
    expect(convert('1e-3')).toEqual({ value: 0.001, bad: undefined });
    expect(convert('0e5')).toEqual({ value: 0, bad: undefined });
    expect(convert('-12')).toEqual({ value: -12, bad: undefined });
  });

  it('converts bigints and booleans', () => {
    expect(convert(9007199254740993n)).toEqual({ value: 9007199254740992, bad: undefined });
    expect(convert(true)).toEqual({ value: 1, bad: undefined });
    expect(convert(false)).toEqual({ value: 0, bad: undefined });
  });

  it('treats null, undefined, empty and blank strings as missing: NaN and no bad number', () => {
    for (const value of [null, undefined, '', '   ']) {
      const { value: result, bad } = convert(value);
      expect(result).toBeNaN();
      expect(bad).toBeUndefined();
    }
  });

  it('records the raw text of cells that are present but not finite numbers', () => {
    const cases: [unknown, string][] = [
      ['high', 'high'],
      [' 1,5 ', ' 1,5 '],
      ['0x1F', '0x1F'],
      ['Infinity', 'Infinity'],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [{ score: 1 }, '{"score":1}'],
      [[0.5], '[0.5]'],
      [new Date(Date.UTC(2024, 0, 1)), '2024-01-01T00:00:00.000Z'],
    ];
    for (const [value, text] of cases) {
      const { value: result, bad } = convert(value);
      expect(result).toBeNaN();
      expect(bad).toBe(text);
    }
  });
});
