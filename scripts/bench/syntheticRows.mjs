/**
 * The benchmark's synthetic decisions, one deterministic stream shared by the CSV file and the
 * in-memory typed arrays, so both benchmarks fold the same rows.
 *
 * Per row, six draws from mulberry32 (seeded with SEED):
 *   a      4 values with unequal shares (A_SHARES)
 *   b      2 values (B_SHARES)                        -> cell = a * 2 + b, 8 intersections
 *   label  1 with a base rate that differs by a and b (a disparity for the audit to find)
 *   score  0.35 + 0.3 * label + triangular noise in (-0.25, 0.25) + small group shifts,
 *          clamped to [0, 1] and rounded to 6 decimals (the CSV text and the Float64 agree)
 *   id     'u' + 8 hex digits: a high-cardinality text column the audit does not read
 * The prediction is score >= THRESHOLD.
 */

/** Bump when the row model below changes: stored data files of another version are rewritten. */
export const DATA_VERSION = 1;
export const SEED = 0x5eed_2024;
export const THRESHOLD = 0.5;
export const A_VALUES = ['a0', 'a1', 'a2', 'a3'];
export const A_SHARES = [0.4, 0.3, 0.2, 0.1];
export const B_VALUES = ['b0', 'b1'];
export const B_SHARES = [0.55, 0.45];
export const CELL_COUNT = A_VALUES.length * B_VALUES.length;
export const CSV_HEADER = 'label,score,a,b,id';

const A_CUMULATIVE = cumulative(A_SHARES);
const B_CUMULATIVE = cumulative(B_SHARES);
const BASE_RATE_BY_A = [0.3, 0.26, 0.22, 0.18];
const BASE_RATE_SHIFT_B1 = -0.04;
const SCORE_SHIFT_BY_A = [0, -0.01, -0.02, -0.03];
const SCORE_SHIFT_B1 = 0.01;

/** mulberry32: a small 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Calls `visit(aIndex, bIndex, label, scoreMicros, idNumber)` for `rows` rows, in order.
 * `scoreMicros` is the score times 1e6, an integer in [0, 1e6]; `idNumber` a uint32.
 */
export function forEachRow(rows, visit) {
  const random = mulberry32(SEED);
  for (let i = 0; i < rows; i++) {
    const a = pick(A_CUMULATIVE, random());
    const b = pick(B_CUMULATIVE, random());
    const rate = BASE_RATE_BY_A[a] + (b === 1 ? BASE_RATE_SHIFT_B1 : 0);
    const label = random() < rate ? 1 : 0;
    const noise = (random() + random() - 1) * 0.25;
    const raw = 0.35 + 0.3 * label + noise + SCORE_SHIFT_BY_A[a] + (b === 1 ? SCORE_SHIFT_B1 : 0);
    const scoreMicros = Math.round(Math.min(1, Math.max(0, raw)) * 1e6);
    const idNumber = (random() * 4294967296) >>> 0;
    visit(a, b, label, scoreMicros, idNumber);
  }
}

/** The rows as the typed columns `CellStatistics.add` takes. */
export function rowColumns(rows) {
  const cell = new Uint32Array(rows);
  const label = new Uint8Array(rows);
  const prediction = new Uint8Array(rows);
  const score = new Float64Array(rows);
  const thresholdMicros = THRESHOLD * 1e6;
  let i = 0;
  forEachRow(rows, (a, b, y, scoreMicros) => {
    cell[i] = a * 2 + b;
    label[i] = y;
    prediction[i] = scoreMicros >= thresholdMicros ? 1 : 0;
    score[i] = scoreMicros / 1e6;
    i++;
  });
  return { length: rows, cell, label, prediction, score };
}

/** One CSV line, newline included. */
export function csvLine(a, b, label, scoreMicros, idNumber) {
  const score = scoreMicros === 1e6 ? '1.000000' : `0.${String(scoreMicros).padStart(6, '0')}`;
  const id = idNumber.toString(16).padStart(8, '0');
  return `${label},${score},${A_VALUES[a]},${B_VALUES[b]},u${id}\n`;
}

function cumulative(shares) {
  let total = 0;
  return shares.map((share) => (total += share));
}

function pick(cumulativeShares, u) {
  for (let k = 0; k < cumulativeShares.length - 1; k++) {
    if (u < cumulativeShares[k]) return k;
  }
  return cumulativeShares.length - 1;
}
