import { BucketTier } from './bucketTier.js';
import {
  CELL_FIELDS,
  LAG_BINS_START,
  PENDING,
  PREDICTED_POSITIVE,
  PREDICTIONS,
  confusionField,
  lagBin,
} from './cellCounts.js';
import { SCORE_FIELDS, addLabelledScore, addPredictedScore } from './scoreCounts.js';

export interface TierSpec {
  readonly name: 'minute' | 'hour' | 'day';
  readonly widthMs: number;
  /** How long buckets are kept after their start. */
  readonly keepMs: number;
}

/**
 * The counts of one model version over time, at every tier at once: an event adds to its
 * bucket in each tier, so coarser tiers are ready when finer ones age out (rolling up is just
 * dropping the finer buckets).
 */
export class VersionStatistics {
  readonly version: string;
  readonly tiers: readonly BucketTier[];
  readonly specs: readonly TierSpec[];
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  constructor(version: string, specs: readonly TierSpec[]) {
    this.version = version;
    this.specs = specs;
    this.tiers = specs.map((spec) => new BucketTier(spec.name, spec.widthMs));
  }

  tier(name: TierSpec['name']): BucketTier {
    const at = this.specs.findIndex((spec) => spec.name === name);
    return this.tiers[at]!;
  }

  recordPrediction(ts: number, cell: number, decision: 0 | 1, score: number | null): void {
    if (ts < this.firstSeen) this.firstSeen = ts;
    if (ts > this.lastSeen) this.lastSeen = ts;
    for (const tier of this.tiers) {
      if (!tier.keeps(ts)) continue;
      const start = tier.startOf(ts);
      const counts = tier.countsAt(start);
      const base = cell * CELL_FIELDS;
      counts.add(base + PREDICTIONS, 1);
      counts.add(base + PREDICTED_POSITIVE, decision);
      counts.add(base + PENDING, 1);
      if (score !== null) addPredictedScore(tier.scoresAt(start), cell * SCORE_FIELDS, score);
    }
  }

  /** The outcome of a prediction made at `ts` (with `score`, if it had one), `lagMs` after it. */
  recordOutcome(
    ts: number,
    cell: number,
    decision: 0 | 1,
    score: number | null,
    label: 0 | 1,
    lagMs: number,
  ): void {
    const confusion = confusionField(label, decision);
    const lag = LAG_BINS_START + lagBin(lagMs);
    for (const tier of this.tiers) {
      if (!tier.keeps(ts)) continue;
      const start = tier.startOf(ts);
      const counts = tier.countsAt(start);
      const base = cell * CELL_FIELDS;
      counts.add(base + PENDING, -1);
      counts.add(base + confusion, 1);
      counts.add(base + lag, 1);
      if (score !== null) {
        addLabelledScore(tier.scoresAt(start), cell * SCORE_FIELDS, score, label);
      }
    }
  }

  /** Drops buckets past each tier's retention. */
  prune(now: number): void {
    this.specs.forEach((spec, at) => {
      this.tiers[at]!.prune(now - spec.keepMs);
    });
  }
}
