import { describe, expect, it } from 'vitest';
import { CellStatistics, type CellStatisticsOptions } from '@fairwatch/core';
import { expectClose } from '../metrics/expectClose.js';
import { foldRows, toBatch, type Row } from './foldRows.js';
import { seededRandom, type SeededRandom } from './seededRandom.js';

const OPTION_SETS: readonly CellStatisticsOptions[] = [
  { scores: false, weighted: false },
  { scores: true, weighted: false },
  { scores: false, weighted: true },
  { scores: true, weighted: true },
];
const describeOptions = (o: CellStatisticsOptions): string =>
  `${o.scores ? 'with' : 'without'} scores, ${o.weighted ? 'weighted' : 'unweighted'}`;

/**
 * A score as a model might emit it: mostly a probability (continuous, on the 0.001 grid, or
 * exactly 0 or 1), some raw scores outside [0, 1] (COMPAS-style deciles 1..10, logits in
 * [-5, 5], and a few just above 1, which share the key of 1 but are not probabilities).
 */
function randomScore(random: SeededRandom): number {
  const kind = random.next();
  if (kind < 0.5) return random.next();
  if (kind < 0.6) return random.integer(1001) / 1000;
  if (kind < 0.65) return 0;
  if (kind < 0.7) return 1;
  if (kind < 0.72) return 1 + random.next() / 1000;
  if (kind < 0.85) return 1 + random.integer(10);
  return random.next() * 10 - 5;
}

function randomRows(random: SeededRandom, length: number, cells: number): Row[] {
  return Array.from({ length }, () => ({
    cell: random.integer(cells),
    label: random.integer(2),
    prediction: random.integer(2),
    score: randomScore(random),
    weight: random.chance(0.1) ? 0 : 0.1 + 3 * random.next(),
  }));
}

/** Folds rows the plain way: one map entry per (cell, label, score bin). */
class ModelStatistics {
  readonly counts = new Map<string, { sum: number; abs: number }>();

  constructor(readonly options: CellStatisticsOptions) {}

  add(row: Row): void {
    const w = this.options.weighted ? row.weight! : 1;
    const cell = row.cell ?? 0;
    const quadrant = ['tn', 'fp', 'fn', 'tp'][row.label * 2 + row.prediction]!;
    this.bump(`count ${cell} ${quadrant}`, w);
    if (this.options.weighted) this.bump(`square ${cell} ${quadrant}`, w * w);
    if (!this.options.scores) return;
    const s = row.score!;
    const key = Math.floor(s * 1000);
    const inUnit = s >= 0 && s <= 1;
    this.bump(`${inUnit ? 'dense' : 'sparse'} ${cell} ${row.label} ${key}`, w);
    this.bump(`brier ${cell} 2`, w * (s - row.label) ** 2);
    this.bump(`brier ${cell} 4`, w * (s - row.label) ** 4);
    if (inUnit) {
      const bin = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].filter((edge) => s >= edge).length;
      this.bump(`calibration ${cell} ${bin}`, w * s);
    }
  }

  private bump(key: string, value: number): void {
    const entry = this.counts.get(key) ?? { sum: 0, abs: 0 };
    entry.sum += value;
    entry.abs += Math.abs(value);
    this.counts.set(key, entry);
  }
}

/** Every statistic of every cell, under the model's keys; zero entries dropped. */
function entriesOf(statistics: CellStatistics): Map<string, number> {
  const entries = new Map<string, number>();
  const put = (key: string, value: number): void => {
    if (value !== 0) entries.set(key, value);
  };
  for (let cell = 0; cell < statistics.cellCount; cell++) {
    const confusion = statistics.confusion(cell);
    for (const q of ['tp', 'fp', 'tn', 'fn'] as const) {
      put(`count ${cell} ${q}`, confusion[q]);
      if (confusion.squares) put(`square ${cell} ${q}`, confusion.squares[q]);
    }
    const scores = statistics.scores(cell);
    if (!scores) continue;
    for (const label of [0, 1] as const) {
      scores.dense[label].forEach((w, key) => {
        put(`dense ${cell} ${label} ${key}`, w);
      });
      for (const [key, w] of scores.sparse[label]) put(`sparse ${cell} ${label} ${key}`, w);
    }
    put(`brier ${cell} 2`, scores.brierSums[0]!);
    put(`brier ${cell} 4`, scores.brierSums[1]!);
    scores.calibrationScoreSum.forEach((sum, bin) => {
      put(`calibration ${cell} ${bin}`, sum);
    });
  }
  return entries;
}

/**
 * Asserts that two statistics agree entry by entry. Unweighted counts are integers and must be
 * equal; float sums may differ by rounding, which is bounded by a few ulps of the sum of
 * absolute terms (the model tracks it), times the number of rows.
 */
function expectSameStatistics(
  actual: CellStatistics,
  expected: CellStatistics,
  model: ModelStatistics,
  rows: number,
  label: string,
  compare = { grid: true },
): void {
  expect(actual.cellCount, `${label}: cellCount`).toBe(expected.cellCount);
  if (compare.grid) {
    expect(actual.scoresOnGrid, `${label}: scoresOnGrid`).toBe(expected.scoresOnGrid);
  }
  const a = entriesOf(actual);
  const e = entriesOf(expected);
  const keys = new Set([...a.keys(), ...e.keys()]);
  for (const key of keys) {
    const magnitude = model.counts.get(key)?.abs ?? 0;
    const exact = key.startsWith('count') && !model.options.weighted;
    expectClose(
      a.get(key) ?? 0,
      e.get(key) ?? 0,
      { absolute: exact ? 0 : 4 * Number.EPSILON * magnitude * Math.max(1, Math.sqrt(rows)) },
      `${label}: ${key}`,
    );
  }
}

function modelOf(rows: readonly Row[], options: CellStatisticsOptions): ModelStatistics {
  const model = new ModelStatistics(options);
  for (const row of rows) model.add(row);
  return model;
}

describe('CellStatistics', () => {
  for (const options of OPTION_SETS) {
    describe(describeOptions(options), () => {
      it('folds each row into its cell, quadrant, score bin, Brier sums and calibration sum', () => {
        const random = seededRandom(11);
        for (let trial = 0; trial < 20; trial++) {
          const rows = randomRows(random, random.integer(300), 1 + random.integer(6));
          const statistics = foldRows(rows, options);
          const model = modelOf(rows, options);
          const actual = entriesOf(statistics);
          for (const [key, { sum, abs }] of model.counts) {
            if (sum === 0) continue;
            expectClose(
              actual.get(key),
              sum,
              { absolute: 4 * Number.EPSILON * abs * Math.sqrt(rows.length) },
              `trial ${trial}: ${key}`,
            );
          }
          for (const key of actual.keys()) {
            expect(model.counts.has(key), `trial ${trial}: unexpected ${key}`).toBe(true);
          }
        }
      });

      it('merging the statistics of parts equals folding the whole', () => {
        const random = seededRandom(23);
        for (let trial = 0; trial < 30; trial++) {
          const rows = randomRows(random, random.integer(400), 1 + random.integer(8));
          const whole = foldRows(rows, options);
          // Cut into 1 to 4 parts; each part only reserves the cells its own rows use.
          const cuts = Array.from({ length: random.integer(4) }, () =>
            random.integer(rows.length + 1),
          );
          const bounds = [0, ...cuts.sort((x, y) => x - y), rows.length];
          const merged = new CellStatistics(options, 1);
          for (let p = 0; p + 1 < bounds.length; p++) {
            const part = rows.slice(bounds[p], bounds[p + 1]);
            merged.merge(foldRows(part, options));
          }
          expectSameStatistics(
            merged,
            whole,
            modelOf(rows, options),
            rows.length,
            `trial ${trial}`,
          );
        }
      });

      it('merging two halves equals folding the whole, whichever half receives', () => {
        const random = seededRandom(37);
        for (let trial = 0; trial < 20; trial++) {
          const rows = randomRows(random, 50 + random.integer(200), 1 + random.integer(5));
          const cut = random.integer(rows.length + 1);
          const whole = foldRows(rows, options);
          const first = foldRows(rows.slice(0, cut), options);
          const second = foldRows(rows.slice(cut), options);
          const secondBefore = entriesOf(second);
          const intoSecond = foldRows(rows.slice(cut), options);
          first.merge(second);
          intoSecond.merge(foldRows(rows.slice(0, cut), options));
          const model = modelOf(rows, options);
          expectSameStatistics(first, whole, model, rows.length, `trial ${trial} first`);
          expectSameStatistics(intoSecond, whole, model, rows.length, `trial ${trial} second`);
          expect(entriesOf(second), 'merge leaves its argument unchanged').toEqual(secondBefore);
        }
      });

      it('merging parts folded with their own cell ids through mergeMapped equals folding the whole', () => {
        const random = seededRandom(29);
        for (let trial = 0; trial < 20; trial++) {
          const rows = randomRows(random, random.integer(400), 1 + random.integer(8));
          const whole = foldRows(rows, options);
          const merged = new CellStatistics(options, 1);
          const cut = random.integer(rows.length + 1);
          for (const part of [rows.slice(0, cut), rows.slice(cut)]) {
            // A separate reader numbers cells in order of first appearance.
            const local = new Map<number, number>();
            const localRows = part.map((row) => {
              if (!local.has(row.cell!)) local.set(row.cell!, local.size);
              return { ...row, cell: local.get(row.cell!)! };
            });
            const cellMap = [...local.keys()];
            merged.mergeMapped(foldRows(localRows, options), cellMap);
          }
          expectSameStatistics(
            merged,
            whole,
            modelOf(rows, options),
            rows.length,
            `trial ${trial}`,
          );
        }
      });

      it('adds several cells mapped to one target cell', () => {
        const random = seededRandom(31);
        const rows = randomRows(random, 300, 4);
        const merged = new CellStatistics(options, 1);
        merged.mergeMapped(foldRows(rows, options, 4), [1, 0, 1, 0]);
        const remapped = rows.map((row) => ({ ...row, cell: [1, 0, 1, 0][row.cell!]! }));
        expectSameStatistics(
          merged,
          foldRows(remapped, options, 2),
          modelOf(remapped, options),
          rows.length,
          'many to one',
        );
      });

      it('restores from a snapshot exactly, and the snapshot does not follow later rows', () => {
        const random = seededRandom(43);
        const rows = randomRows(random, 300, 5);
        const statistics = foldRows(rows, options);
        const snapshot = statistics.snapshot();
        const restored = CellStatistics.fromSnapshot(snapshot);
        expect(restored.options).toEqual(options);
        expect(restored.scoresOnGrid).toBe(statistics.scoresOnGrid);
        expect(entriesOf(restored)).toEqual(entriesOf(statistics));
        statistics.add(toBatch(randomRows(random, 50, 5), options));
        expect(entriesOf(CellStatistics.fromSnapshot(snapshot))).toEqual(entriesOf(restored));
        restored.add(toBatch(rows.slice(0, 10), options));
        expect(restored.cellCount).toBe(5);
      });

      it('sumOf some cells equals folding only those cells rows into one cell', () => {
        const random = seededRandom(41);
        for (let trial = 0; trial < 20; trial++) {
          const cells = 1 + random.integer(7);
          const rows = randomRows(random, random.integer(300), cells);
          const statistics = foldRows(rows, options, cells);
          const chosen = Array.from({ length: cells }, (_, c) => c).filter(() =>
            random.chance(0.5),
          );
          const inChosen = rows.filter((row) => chosen.includes(row.cell!));
          const onlyThose = inChosen.map((row) => ({ ...row, cell: 0 }));
          const expected = foldRows(onlyThose, options, 1);
          const summed = statistics.sumOf(chosen);
          expect(summed.options).toEqual(options);
          // sumOf keeps the flag of the whole instance (conservative: it may say off-grid when
          // only unchosen cells had off-grid scores), so compare it with the whole's.
          expect(summed.scoresOnGrid).toBe(statistics.scoresOnGrid);
          expectSameStatistics(
            summed,
            expected,
            modelOf(onlyThose, options),
            rows.length,
            `trial ${trial} cells ${chosen.join(',')}`,
            { grid: false },
          );
        }
      });

      it('keeps every statistic when reserveCells grows the arrays', () => {
        const random = seededRandom(53);
        const before = randomRows(random, 200, 3);
        const statistics = new CellStatistics(options, 1);
        statistics.reserveCells(3);
        statistics.add(toBatch(before, options));
        const snapshot = entriesOf(statistics);
        statistics.reserveCells(1000);
        expect(statistics.cellCount).toBe(1000);
        expect(entriesOf(statistics)).toEqual(snapshot);
        statistics.reserveCells(10);
        expect(statistics.cellCount, 'never shrinks').toBe(1000);

        const after = randomRows(random, 200, 1000);
        statistics.add(toBatch(after, options));
        const all = [...before, ...after];
        expectSameStatistics(
          statistics,
          foldRows(all, options, 1000),
          modelOf(all, options),
          all.length,
          'after growth',
        );
      });
    });
  }

  it('refuses to merge statistics kept with different options', () => {
    for (const a of OPTION_SETS) {
      for (const b of OPTION_SETS) {
        const merge = (): void => {
          new CellStatistics(a).merge(new CellStatistics(b));
        };
        if (a === b) expect(merge).not.toThrow();
        else
          expect(merge, `${describeOptions(a)} <- ${describeOptions(b)}`).toThrow(
            /different options/,
          );
      }
    }
  });

  it('throws when weighted statistics get a batch without weights', () => {
    const statistics = new CellStatistics({ scores: false, weighted: true });
    statistics.reserveCells(1);
    const batch = toBatch([{ label: 1, prediction: 1 }], { scores: false, weighted: false });
    expect(() => {
      statistics.add(batch);
    }).toThrow(/weight/);
  });

  it('throws when score statistics get a batch without scores', () => {
    const statistics = new CellStatistics({ scores: true, weighted: false });
    statistics.reserveCells(1);
    const batch = toBatch([{ label: 1, prediction: 1 }], { scores: false, weighted: false });
    expect(() => {
      statistics.add(batch);
    }).toThrow(/score/);
  });

  it('throws a RangeError when sumOf names a cell it does not have', () => {
    const statistics = foldRows([{ cell: 1, label: 0, prediction: 0 }], {
      scores: false,
      weighted: false,
    });
    expect(() => statistics.sumOf([2])).toThrow(RangeError);
    expect(() => statistics.sumOf([-1])).toThrow(RangeError);
    expect(statistics.sumOf([]).confusion(0)).toEqual({
      tp: 0,
      fp: 0,
      tn: 0,
      fn: 0,
      squares: null,
    });
  });

  it('counts cells as one more than the highest reserved id', () => {
    const statistics = new CellStatistics({ scores: false, weighted: false });
    expect(statistics.cellCount).toBe(0);
    statistics.reserveCells(5);
    expect(statistics.cellCount).toBe(5);
  });

  it('maps label and prediction to tn, fp, fn, tp and keeps squares only when weighted', () => {
    const rows: Row[] = [
      { label: 0, prediction: 0, weight: 1 },
      { label: 0, prediction: 1, weight: 2 },
      { label: 1, prediction: 0, weight: 3 },
      { label: 1, prediction: 1, weight: 4 },
      { label: 1, prediction: 1, weight: 0.5 },
    ];
    expect(foldRows(rows, { scores: false, weighted: false }).confusion(0)).toEqual({
      tn: 1,
      fp: 1,
      fn: 1,
      tp: 2,
      squares: null,
    });
    expect(foldRows(rows, { scores: false, weighted: true }).confusion(0)).toEqual({
      tn: 1,
      fp: 2,
      fn: 3,
      tp: 4.5,
      squares: { tn: 1, fp: 4, fn: 9, tp: 16.25 },
    });
  });

  it('returns null scores when scores are not kept, and copies them when they are', () => {
    expect(
      foldRows([{ label: 1, prediction: 1 }], { scores: false, weighted: false }).scores(0),
    ).toBeNull();
    const statistics = foldRows(
      [
        { label: 1, prediction: 1, score: 0.25 },
        { label: 1, prediction: 0, score: 7 },
      ],
      {
        scores: true,
        weighted: false,
      },
    );
    const first = statistics.scores(0)!;
    first.dense[1][250] = 99;
    first.brierSums[0] = 99;
    first.calibrationScoreSum[2] = 99;
    (first.sparse[1] as Map<number, number>).set(7000, 99);
    const second = statistics.scores(0)!;
    expect(second.dense[1][250]).toBe(1);
    expect(second.brierSums[0]).toBe((0.25 - 1) ** 2 + (7 - 1) ** 2);
    expect(second.calibrationScoreSum[2]).toBe(0.25);
    expect(second.sparse[1].get(7000)).toBe(1);
  });

  it('bins 0 and 1 densely, the first and last dense bins, and raw scores sparsely', () => {
    const statistics = foldRows(
      [
        { label: 0, prediction: 0, score: 0 },
        { label: 1, prediction: 1, score: 1 },
        { label: 1, prediction: 1, score: 10 },
        { label: 0, prediction: 0, score: -0.0005 },
      ],
      { scores: true, weighted: false },
    );
    const scores = statistics.scores(0)!;
    expect(scores.dense[0][0]).toBe(1);
    expect(scores.dense[1][1000]).toBe(1);
    expect(scores.calibrationScoreSum[9]).toBe(1);
    expect([...scores.sparse[1]]).toEqual([[10000, 1]]);
    expect([...scores.sparse[0]]).toEqual([[-1, 1]]);
  });

  it('says scores are on the grid only while every score is a multiple of 1/1000', () => {
    const options = { scores: true, weighted: false };
    const onGrid = foldRows(
      [
        { label: 1, prediction: 1, score: 0.25 },
        { label: 0, prediction: 0, score: 7 },
        { label: 0, prediction: 0, score: -1.5 },
      ],
      options,
    );
    expect(onGrid.scoresOnGrid).toBe(true);
    const offGrid = foldRows([{ label: 1, prediction: 1, score: 0.2504 }], options);
    expect(offGrid.scoresOnGrid).toBe(false);
    onGrid.merge(offGrid);
    expect(onGrid.scoresOnGrid, 'merge').toBe(false);
    const mapped = new CellStatistics(options);
    mapped.mergeMapped(offGrid, [3]);
    expect(mapped.scoresOnGrid, 'mergeMapped').toBe(false);
    expect(CellStatistics.fromSnapshot(offGrid.snapshot()).scoresOnGrid, 'snapshot').toBe(false);
  });

  // Regression: addScores sent every score with floor(s * 1000) <= 1000 to the dense bins, so a
  // score in (1, 1.001) landed in dense bin 1000 (and calibration bin 9) although the dense bins
  // hold [0, 1] only; the distribution then passed isProbabilityDistribution and a score above
  // 1 entered the Brier score and the reliability diagram as a probability.
  it('keeps a score just above 1 out of the dense bins', () => {
    const statistics = foldRows([{ label: 1, prediction: 1, score: 1.0004 }], {
      scores: true,
      weighted: false,
    });
    const scores = statistics.scores(0)!;
    expect(scores.dense[1][1000]).toBe(0);
    expect(scores.calibrationScoreSum[9]).toBe(0);
    expect(scores.sparse[1].get(1000)).toBe(1);
  });
});

// The fold runs common rows (a score in [0, 1], on the grid while the statistics still are) in
// a tight loop and hands every other row to a general path; these pin that split.
describe('CellStatistics.add, whichever rows the tight loop leaves to the general path', () => {
  /**
   * Brier and calibration sums as a row-at-a-time fold computes them: each term added in row
   * order, so any fold that sums in another order (per batch, pairwise) differs in the last bits.
   */
  function rowOrderSums(rows: readonly Row[], weighted: boolean, cells: number) {
    const brier = new Float64Array(cells * 2);
    const calibration = new Float64Array(cells * 10);
    for (const row of rows) {
      const s = row.score!;
      const w = weighted ? row.weight! : 1;
      const cell = row.cell ?? 0;
      const error = s - row.label;
      const squared = error * error;
      brier[cell * 2] = brier[cell * 2]! + w * squared;
      brier[cell * 2 + 1] = brier[cell * 2 + 1]! + w * squared * squared;
      if (s >= 0 && s <= 1) {
        const bin = cell * 10 + Math.min(9, Math.floor(Math.floor(s * 1000) / 100));
        calibration[bin] = calibration[bin]! + w * s;
      }
    }
    return { brier: Array.from(brier), calibration: Array.from(calibration) };
  }

  for (const options of OPTION_SETS.filter((o) => o.scores)) {
    it(`sums Brier and calibration sums in row order, to the bit, whichever path a row takes (${describeOptions(options)})`, () => {
      const random = seededRandom(71);
      // On-grid rows first, then mixed ones: the batch leaves the grid midway.
      const rows = [
        ...randomRows(random, 300, 5).map((row) => ({
          ...row,
          score: random.integer(1001) / 1000,
        })),
        ...randomRows(random, 1500, 5),
      ];
      const snapshot = foldRows(rows, options, 5).snapshot();
      const expected = rowOrderSums(rows, options.weighted, 5);
      expect(Array.from(snapshot.brier!)).toEqual(expected.brier);
      expect(Array.from(snapshot.calibration!)).toEqual(expected.calibration);
      expect(snapshot.scoresOnGrid).toBe(false);
    });
  }

  it('puts a score k/1000 in calibration bin floor(k/100), the last bin closed, for every k', () => {
    const options = { scores: true, weighted: false };
    const rows = Array.from({ length: 1001 }, (_, k) => ({
      cell: k,
      label: 1,
      prediction: 1,
      score: k / 1000,
    }));
    const statistics = foldRows(rows, options);
    expect(statistics.scoresOnGrid).toBe(true);
    for (let k = 0; k <= 1000; k++) {
      const bins = Array.from(statistics.scores(k)!.calibrationScoreSum);
      const expected = Array.from({ length: 10 }, (_, bin) =>
        bin === Math.min(9, Math.floor(k / 100)) ? k / 1000 : 0,
      );
      expect(bins, `score ${k}/1000`).toEqual(expected);
    }
  });

  it('keeps the scores of a batch off the grid from its first off-grid row onwards', () => {
    const options = { scores: true, weighted: false };
    const statistics = foldRows(
      [
        { label: 0, prediction: 0, score: 0.5 },
        { label: 0, prediction: 0, score: 0.2504 },
        { label: 1, prediction: 1, score: 0.75 },
        { label: 1, prediction: 0, score: 3 },
        { label: 1, prediction: 1, score: 0.1234 },
      ],
      options,
    );
    expect(statistics.scoresOnGrid).toBe(false);
    expect(statistics.confusion(0)).toMatchObject({ tn: 2, fp: 0, fn: 1, tp: 2 });
    const scores = statistics.scores(0)!;
    expect(scores.brierSums[0]).toBe(
      0.5 ** 2 + 0.2504 ** 2 + (0.75 - 1) ** 2 + (3 - 1) ** 2 + (0.1234 - 1) ** 2,
    );
    expect(scores.dense[1][750]).toBe(1);
    expect(scores.dense[1][123]).toBe(1);
    expect([...scores.sparse[1]]).toEqual([[3000, 1]]);
  });
});
