import type { SqliteStore, StoredBucket } from '../store/sqliteStore.js';
import { decodeBucket, upgradeBucketLayout } from './bucketLayout.js';
import { ModelStatistics } from './modelStatistics.js';
import type { TierSpec } from './versionStatistics.js';

export interface ModelShape {
  readonly name: string;
  readonly attributes: readonly string[];
}

/**
 * The in-memory statistics of every configured model, and how they are saved to and rebuilt
 * from the store: buckets are checkpointed with the change number they include, and on
 * restart the changes after it are replayed from the raw events.
 */
export class MonitorStatistics {
  readonly models = new Map<string, ModelStatistics>();
  readonly tiers: readonly TierSpec[];

  constructor(models: readonly ModelShape[], tiers: readonly TierSpec[]) {
    this.tiers = tiers;
    for (const model of models) {
      this.models.set(model.name, new ModelStatistics(model.name, model.attributes, tiers));
    }
  }

  model(name: string): ModelStatistics | undefined {
    return this.models.get(name);
  }

  /**
   * Rebuilds from the store: cells, checkpointed buckets, then every change after the
   * checkpoint. Buckets of an older layout are first dropped, to be rebuilt by the replay.
   * Returns how many changes were replayed.
   */
  restore(store: SqliteStore): number {
    upgradeBucketLayout(store);
    for (const row of store.cells()) {
      const model = this.models.get(row.model);
      if (model === undefined) continue;
      if (row.values.length !== model.cells.attributes.length) continue;
      model.cells.add(row.values, row.cell);
    }
    for (const bucket of store.buckets()) {
      const { counts, scores } = decodeBucket(bucket);
      const tier = this.models
        .get(bucket.model)
        ?.version(bucket.version)
        .tiers.find((candidate) => candidate.name === bucket.tier);
      tier?.load(bucket.start, counts, scores);
    }
    for (const model of this.models.values()) {
      for (const version of model.versions.values()) {
        for (const tier of version.tiers) tier.takeDirty();
      }
    }
    for (const seen of parseVersionTimes(store.meta(VERSION_TIMES_KEY))) {
      const version = this.models.get(seen.model)?.version(seen.version);
      if (version === undefined) continue;
      version.firstSeen = Math.min(version.firstSeen, seen.firstSeen);
      version.lastSeen = Math.max(version.lastSeen, seen.lastSeen);
    }
    for (const model of this.models.values()) {
      for (const version of model.versions.values()) {
        // A checkpoint from before version times were saved: the earliest minute bucket.
        const first = version.tiers[0]?.earliest;
        if (!Number.isFinite(version.firstSeen) && first !== undefined) version.firstSeen = first;
      }
    }
    const applied = store.appliedSeq();
    let replayed = 0;
    for (const change of store.changesSince(applied)) {
      const version = this.models.get(change.model)?.version(change.version);
      if (version === undefined) continue;
      if (change.seq > applied) {
        version.recordPrediction(change.ts, change.cell, change.decision, change.score);
      }
      if (change.label !== null && change.outcomeTs !== null) {
        version.recordOutcome(
          change.ts,
          change.cell,
          change.decision,
          change.score,
          change.label,
          change.outcomeTs - change.ts,
        );
      }
      replayed += 1;
    }
    return replayed;
  }

  /** Saves every bucket changed since the last checkpoint, with the change number included. */
  checkpoint(store: SqliteStore, appliedSeq: number): number {
    const changed: StoredBucket[] = [];
    for (const model of this.models.values()) {
      for (const version of model.versions.values()) {
        for (const tier of version.tiers) {
          for (const start of tier.takeDirty()) {
            const counts = tier.get(start);
            if (counts === undefined) continue;
            changed.push({
              model: model.model,
              version: version.version,
              tier: tier.name,
              start,
              data: counts.encode(),
              scores: tier.scoresOf(start)?.encode() ?? null,
            });
          }
        }
      }
    }
    const times: VersionTimes[] = [];
    for (const model of this.models.values()) {
      for (const version of model.versions.values()) {
        if (!Number.isFinite(version.firstSeen) || !Number.isFinite(version.lastSeen)) continue;
        times.push({
          model: model.model,
          version: version.version,
          firstSeen: version.firstSeen,
          lastSeen: version.lastSeen,
        });
      }
    }
    store.atomically(() => {
      store.checkpoint(changed, appliedSeq);
      store.setMeta(VERSION_TIMES_KEY, JSON.stringify(times));
    });
    return changed.length;
  }

  /** Drops buckets past retention, in memory and in the store. */
  prune(store: SqliteStore, now: number): void {
    for (const model of this.models.values()) model.prune(now);
    for (const spec of this.tiers) store.deleteBucketsBefore(spec.name, now - spec.keepMs);
  }
}

/** When each version's first and latest predictions were made, kept with the checkpoint. */
interface VersionTimes {
  readonly model: string;
  readonly version: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

const VERSION_TIMES_KEY = 'version_times';

/** The saved version times; entries that are not well formed are skipped. */
function parseVersionTimes(text: string | undefined): VersionTimes[] {
  if (text === undefined) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { model, version, firstSeen, lastSeen } = entry as Record<string, unknown>;
    if (
      typeof model !== 'string' ||
      typeof version !== 'string' ||
      typeof firstSeen !== 'number' ||
      typeof lastSeen !== 'number'
    ) {
      return [];
    }
    return [{ model, version, firstSeen, lastSeen }];
  });
}
