import { CellStatistics, type CellBatch, type CellStatisticsOptions } from '@fairwatch/core';

/** One row as tests write it; `cell` defaults to 0. */
export interface Row {
  readonly cell?: number;
  readonly label: number;
  readonly prediction: number;
  readonly score?: number;
  readonly weight?: number;
}

/** The rows as a column-wise batch; scores and weights only when `options` keeps them. */
export function toBatch(rows: readonly Row[], options: CellStatisticsOptions): CellBatch {
  const column = (value: (row: Row) => number | undefined, name: string): Float64Array =>
    Float64Array.from(rows, (row) => {
      const v = value(row);
      if (v === undefined) throw new Error(`row without ${name}`);
      return v;
    });
  return {
    length: rows.length,
    cell: Uint32Array.from(rows, (row) => row.cell ?? 0),
    label: Uint8Array.from(rows, (row) => row.label),
    prediction: Uint8Array.from(rows, (row) => row.prediction),
    score: options.scores ? column((row) => row.score, 'score') : undefined,
    weight: options.weighted ? column((row) => row.weight, 'weight') : undefined,
  };
}

/**
 * Folds `rows` into new statistics with room for `cellCount` cells (default: exactly the cells
 * the rows use, none when there are no rows).
 */
export function foldRows(
  rows: readonly Row[],
  options: CellStatisticsOptions,
  cellCount?: number,
): CellStatistics {
  const statistics = new CellStatistics(options, 1);
  statistics.reserveCells(cellCount ?? Math.max(0, ...rows.map((row) => (row.cell ?? 0) + 1)));
  statistics.add(toBatch(rows, options));
  return statistics;
}

/** Rows that reproduce the given confusion counts in cell `cell`, unweighted and unscored. */
export function rowsOfCounts(
  counts: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number },
  cell = 0,
): Row[] {
  const rows: Row[] = [];
  const push = (times: number, label: number, prediction: number): void => {
    for (let i = 0; i < times; i++) rows.push({ cell, label, prediction });
  };
  push(counts.tp, 1, 1);
  push(counts.fp, 0, 1);
  push(counts.tn, 0, 0);
  push(counts.fn, 1, 0);
  return rows;
}
