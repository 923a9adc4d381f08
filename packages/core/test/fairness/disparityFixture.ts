import { auditFindings, type AuditFindings, type AttributeValue } from '@fairwatch/core';
import {
  isArrayOf,
  isAttributes,
  isFiniteNumber,
  isInterval,
  isNullOr,
  isNumberArray,
  isRecord,
  isStringArray,
  readFixtureCases,
} from '../metrics/readFixture.js';
import { foldRows, rowsOfCounts, type Row } from '../statistics/foldRows.js';

export type Attributes = Record<string, AttributeValue>;

export interface ExpectedDisparity {
  readonly attribute: string;
  readonly metric: string;
  readonly kind: string;
  readonly group: Attributes;
  readonly reference: Attributes | 'overall';
  readonly value: number;
  readonly ci: [number, number] | null;
  readonly test: string;
  readonly p_value: number;
  readonly q_value: number;
  /** Rows of one test (one p-value) share an index. */
  readonly test_index: number;
  readonly outside_four_fifths?: boolean;
}

export interface ExpectedExclusion {
  readonly attribute: string;
  readonly group: Attributes;
  readonly metric: string | null;
}

type Quadrant = 'tp' | 'fp' | 'tn' | 'fn';
const QUADRANTS: readonly Quadrant[] = ['tp', 'fp', 'tn', 'fn'];

/** A cell's confusion counts; weighted cells also list their rows' weights per quadrant. */
export interface DisparityCell {
  readonly values: AttributeValue[];
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly weights?: Record<Quadrant, number[]>;
}

/** One audit of disparities.json (see generate_disparities.py). */
export interface DisparityCase {
  readonly name: string;
  readonly attributes: string[];
  readonly cells: DisparityCell[];
  readonly settings: {
    readonly intersections: boolean;
    readonly references: Record<string, string>;
    readonly minSamples: number;
    readonly confidence: number;
  };
  readonly expected: {
    readonly references: Record<string, Attributes | null>;
    readonly exclusions: ExpectedExclusion[];
    readonly disparities: ExpectedDisparity[];
  };
}

const isDisparity = (value: unknown): value is ExpectedDisparity =>
  isRecord(value) &&
  typeof value.attribute === 'string' &&
  typeof value.metric === 'string' &&
  typeof value.kind === 'string' &&
  isAttributes(value.group) &&
  (value.reference === 'overall' || isAttributes(value.reference)) &&
  isFiniteNumber(value.value) &&
  isNullOr(isInterval)(value.ci) &&
  typeof value.test === 'string' &&
  isFiniteNumber(value.p_value) &&
  isFiniteNumber(value.q_value) &&
  Number.isInteger(value.test_index) &&
  (value.outside_four_fifths === undefined || typeof value.outside_four_fifths === 'boolean');

const isExclusion = (value: unknown): value is ExpectedExclusion =>
  isRecord(value) &&
  typeof value.attribute === 'string' &&
  isAttributes(value.group) &&
  (value.metric === null || typeof value.metric === 'string');

function isCell(value: unknown): value is DisparityCell {
  if (!isRecord(value) || !Array.isArray(value.values)) return false;
  if (!value.values.every((v) => v === null || typeof v === 'string')) return false;
  const { weights } = value;
  if (weights === undefined) return QUADRANTS.every((q) => Number.isInteger(value[q]));
  return (
    isRecord(weights) &&
    QUADRANTS.every((q) => isFiniteNumber(value[q]) && isNumberArray(weights[q]))
  );
}

function isDisparityCase(value: unknown): value is DisparityCase {
  if (!isRecord(value) || typeof value.name !== 'string') return false;
  const { settings, expected } = value;
  return (
    isStringArray(value.attributes) &&
    isArrayOf(isCell)(value.cells) &&
    isRecord(settings) &&
    typeof settings.intersections === 'boolean' &&
    isRecord(settings.references) &&
    Object.values(settings.references).every((v) => typeof v === 'string') &&
    isFiniteNumber(settings.minSamples) &&
    isFiniteNumber(settings.confidence) &&
    isRecord(expected) &&
    isRecord(expected.references) &&
    Object.values(expected.references).every(isNullOr(isAttributes)) &&
    isArrayOf(isExclusion)(expected.exclusions) &&
    isArrayOf(isDisparity)(expected.disparities)
  );
}

export function readDisparityCases(): DisparityCase[] {
  return readFixtureCases('disparities.json', isDisparityCase);
}

/** The rows of a cell: one per unit of count, or one per listed weight. */
function rowsOfCell(cell: DisparityCell, index: number): Row[] {
  const { weights } = cell;
  if (!weights) return rowsOfCounts(cell, index);
  const labels: Record<Quadrant, [number, number]> = {
    tp: [1, 1],
    fp: [0, 1],
    tn: [0, 0],
    fn: [1, 0],
  };
  return QUADRANTS.flatMap((q) =>
    weights[q].map((weight) => ({
      cell: index,
      label: labels[q][0],
      prediction: labels[q][1],
      weight,
    })),
  );
}

/** Folds the case's cells (unscored; weighted when they list weights) and runs the audit. */
export function auditOf(fixture: DisparityCase): AuditFindings {
  const rows = fixture.cells.flatMap(rowsOfCell);
  const weighted = fixture.cells.some((cell) => cell.weights !== undefined);
  const statistics = foldRows(rows, { scores: false, weighted }, fixture.cells.length);
  return auditFindings(
    statistics,
    fixture.cells.map((cell) => cell.values),
    { attributes: fixture.attributes, ...fixture.settings },
  );
}

/** Identifies a disparity row within one audit. */
export function rowKey(row: {
  readonly attribute: string;
  readonly metric: string;
  readonly kind: string;
  readonly group: Readonly<Attributes>;
}): string {
  return `${row.attribute} ${row.metric} ${row.kind} ${JSON.stringify(row.group)}`;
}
