import type { Interval } from '../inference/interval.js';
import type { GapDirection, GapEvidenceOptions } from './gapEvidence.js';
import { analysisEdge, createGapMeasurement, gapEvidence, measureGap } from './gapEvidence.js';

/**
 * Cumulative sums over time buckets of the counts of the group (x1 successes of n1 trials) and of
 * the comparison group (x2 of n2): `x1[i]` is the sum over buckets 1..i, and index 0 holds 0. The
 * counts over buckets (s, t] are then `x1[t] - x1[s]` and so on.
 */
export interface BucketPrefixSums {
  readonly x1: Float64Array;
  readonly n1: Float64Array;
  readonly x2: Float64Array;
  readonly n2: Float64Array;
}

/** The settings of {@link detectGapChange}. */
export interface ChangeDetectorOptions extends GapEvidenceOptions {
  /** A start is skipped unless both groups have at least this many trials in (s, t]. */
  readonly minSamples: number;
}

/** The result of {@link detectGapChange}: the start with the most evidence and what it shows. */
export interface GapChange {
  /** max over the evaluated starts of max(log E_above, log E_below); -Infinity if none. */
  readonly logEValue: number;
  /** The start index s of that maximum (the window is buckets s+1..t); `null` if none. */
  readonly start: number | null;
  readonly direction: GapDirection | null;
  /** The gap estimated over (start, t] (p1 - p2 or p1 / p2). */
  readonly estimate: number | null;
  /** The confidence-sequence interval over (start, t] at the options' log-threshold. */
  readonly interval: Interval | null;
  /** Trials of the group and of the comparison group over (start, t]; 0 if none. */
  readonly n1: number;
  readonly n2: number;
  /** How many of the candidate starts were evaluated (valid and with enough trials). */
  readonly startsEvaluated: number;
  /** Why no start was evaluated, when none was. */
  readonly reason?: string;
}

const BAD_BUCKET_INDEX = 'bucket index outside the prefix sums';
const NO_ELIGIBLE_START = 'no start with at least minSamples trials in both groups';

/**
 * A CUSUM-style e-detector for a gap leaving its band (Shin, Ramdas & Rinaldo 2022, "E-detectors:
 * a nonparametric framework for sequential change detection", arXiv:2203.03532).
 *
 * For each candidate start s in `starts` with 0 <= s < t, the gap evidence of {@link gapEvidence}
 * is computed over buckets (s, t] from prefix differences (x1[t] - x1[s], ...), and the statistic
 * is
 *
 *   M_t = max_s max(log E_above(s, t), log E_below(s, t)),
 *
 * returned with its start, direction, estimate, interval and sample sizes. Starts that are not
 * integers in [0, t), or where either group has fewer than `minSamples` trials in (s, t], or whose
 * counts are degenerate (see gapEvidence), are skipped. On a tie the first start in `starts` order
 * wins. O(#starts) per call and no allocation per start: one reusable measurement, and the full
 * result (with its interval) is computed once, for the winning start.
 *
 * What is guaranteed. Each E(s, t) is, for t > s, an e-process started at s (asymptotically,
 * by the CLT; see gapEvidence for the assumptions). Shin et al. call the sum over all starts,
 * M^SR_t = sum_{s < t} E(s, t) (Shiryaev-Roberts), an e-detector: under the null, here "the gap
 * stays inside the band" in every bucket, E[M^SR_tau] <= E[tau] for every stopping time, so the
 * alarm time tau_A = inf{t : M^SR_t >= A} has average run length to false alarm E[tau_A] >= A
 * (Shin et al. 2022). The maximum over starts (CUSUM) is <= the sum, and evaluating a
 * subset of starts only lowers it further, so the alarm rule "M_t >= log A" raises a false alarm
 * no earlier and has ARL >= A as well. The run length counts steps of the start grid: with a
 * start at every earlier bucket, ARL >= A buckets. Looking more often than once per bucket (the
 * open bucket re-evaluated every 30 s) does not weaken it, because each E(s, .) may be watched
 * continuously; sparser starts keep the bound, at the cost of detection delay. The bound is
 * asymptotic (CLT), for the assumptions listed at gapEvidence.
 *
 * `t` must be an integer index into all four prefix arrays; otherwise no start is evaluated and
 * `reason` says why.
 */
export function detectGapChange(
  sums: BucketPrefixSums,
  t: number,
  starts: ArrayLike<number>,
  options: ChangeDetectorOptions,
): GapChange {
  const { kind, band, rho, minSamples } = options;
  if (
    !Number.isInteger(t) ||
    t < 0 ||
    t >= Math.min(sums.x1.length, sums.n1.length, sums.x2.length, sums.n2.length)
  ) {
    return noChange(0, BAD_BUCKET_INDEX);
  }
  const lowEdge = analysisEdge(kind, band[0]);
  const highEdge = analysisEdge(kind, band[1]);
  const x1End = sums.x1[t]!;
  const n1End = sums.n1[t]!;
  const x2End = sums.x2[t]!;
  const n2End = sums.n2[t]!;
  const measurement = createGapMeasurement();
  let bestStart = -1;
  let bestLogEValue = -Infinity;
  let evaluated = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    if (!Number.isInteger(s) || s < 0 || s >= t) continue;
    const n1 = n1End - sums.n1[s]!;
    const n2 = n2End - sums.n2[s]!;
    if (!(n1 >= minSamples && n2 >= minSamples)) continue;
    const x1 = x1End - sums.x1[s]!;
    const x2 = x2End - sums.x2[s]!;
    if (measureGap(x1, n1, x2, n2, kind, lowEdge, highEdge, rho, measurement) !== null) continue;
    evaluated++;
    const logEValue = Math.max(measurement.logEValueAbove, measurement.logEValueBelow);
    if (bestStart < 0 || logEValue > bestLogEValue) {
      bestStart = s;
      bestLogEValue = logEValue;
    }
  }
  if (bestStart < 0) return noChange(evaluated, NO_ELIGIBLE_START);
  const n1 = n1End - sums.n1[bestStart]!;
  const n2 = n2End - sums.n2[bestStart]!;
  const evidence = gapEvidence(
    x1End - sums.x1[bestStart]!,
    n1,
    x2End - sums.x2[bestStart]!,
    n2,
    options,
  );
  return {
    logEValue: evidence.logEValue,
    start: bestStart,
    direction: evidence.direction,
    estimate: evidence.estimate,
    interval: evidence.interval,
    n1,
    n2,
    startsEvaluated: evaluated,
  };
}

function noChange(startsEvaluated: number, reason: string): GapChange {
  return {
    logEValue: -Infinity,
    start: null,
    direction: null,
    estimate: null,
    interval: null,
    n1: 0,
    n2: 0,
    startsEvaluated,
    reason,
  };
}
