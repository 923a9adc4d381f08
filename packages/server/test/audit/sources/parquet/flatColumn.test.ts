import type { SchemaElement, SchemaTree } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { flatColumnOf } from '../../../../src/audit/sources/parquet/flatColumn.js';

function leaf(element: Omit<SchemaElement, 'name'>): SchemaTree {
  return { element: { name: 'c', ...element }, children: [], count: 1, path: ['c'] };
}

describe('flatColumnOf', () => {
  it.each<[string, Omit<SchemaElement, 'name'>, object]>([
    [
      'an OPTIONAL string',
      { type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8' },
      { type: 'BYTE_ARRAY', maxDefinitionLevel: 1 },
    ],
    [
      'a REQUIRED raw BYTE_ARRAY',
      { type: 'BYTE_ARRAY', repetition_type: 'REQUIRED' },
      { maxDefinitionLevel: 0 },
    ],
    [
      'an ENUM',
      {
        type: 'BYTE_ARRAY',
        repetition_type: 'OPTIONAL',
        converted_type: 'ENUM',
        logical_type: { type: 'ENUM' },
      },
      {},
    ],
    [
      'a UINT_32',
      { type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'UINT_32' },
      { unsigned: true },
    ],
    [
      'an unsigned INTEGER(64)',
      {
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        logical_type: { type: 'INTEGER', bitWidth: 64, isSigned: false },
      },
      { unsigned: true },
    ],
    [
      'a UINT_8 (stored sign-extended, read as is)',
      { type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'UINT_8' },
      { unsigned: false },
    ],
    [
      'a DECIMAL on INT64',
      {
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        converted_type: 'DECIMAL',
        scale: 3,
        precision: 18,
      },
      { decimalScale: 3 },
    ],
    [
      'a DOUBLE',
      { type: 'DOUBLE', repetition_type: 'REQUIRED' },
      { type: 'DOUBLE', decimalScale: undefined },
    ],
  ])('reads %s', (_, element, expected) => {
    expect(flatColumnOf(leaf(element))).toMatchObject(expected);
  });

  it.each<[string, Omit<SchemaElement, 'name'>]>([
    ['a REPEATED column', { type: 'INT32', repetition_type: 'REPEATED' }],
    ['a column without a repetition type', { type: 'INT32' }],
    [
      'a DATE',
      {
        type: 'INT32',
        repetition_type: 'OPTIONAL',
        converted_type: 'DATE',
        logical_type: { type: 'DATE' },
      },
    ],
    [
      'a TIMESTAMP',
      {
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
      },
    ],
    ['INT96', { type: 'INT96', repetition_type: 'OPTIONAL' }],
    [
      'FIXED_LEN_BYTE_ARRAY',
      { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, repetition_type: 'OPTIONAL' },
    ],
    ['JSON', { type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'JSON' }],
    [
      'a DECIMAL on BYTE_ARRAY',
      { type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'DECIMAL', scale: 2 },
    ],
    [
      'a FLOAT16',
      {
        type: 'FIXED_LEN_BYTE_ARRAY',
        type_length: 2,
        repetition_type: 'OPTIONAL',
        logical_type: { type: 'FLOAT16' },
      },
    ],
    [
      'an annotated DOUBLE',
      { type: 'DOUBLE', repetition_type: 'OPTIONAL', converted_type: 'UTF8' },
    ],
    [
      'a UINT_64 stored in INT32',
      { type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'UINT_64' },
    ],
  ])('leaves %s to hyparquet', (_, element) => {
    expect(flatColumnOf(leaf(element))).toBeUndefined();
  });

  it('leaves a group column (struct, list) to hyparquet', () => {
    const group: SchemaTree = {
      element: { name: 'g', repetition_type: 'OPTIONAL', num_children: 1 },
      children: [leaf({ type: 'INT32', repetition_type: 'OPTIONAL' })],
      count: 2,
      path: ['g'],
    };
    expect(flatColumnOf(group)).toBeUndefined();
  });
});
