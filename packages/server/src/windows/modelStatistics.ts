import { CellDictionary } from './cellDictionary.js';
import { VersionStatistics, type TierSpec } from './versionStatistics.js';

/** Everything the service counts for one model: its cells and its versions' buckets. */
export class ModelStatistics {
  readonly model: string;
  readonly cells: CellDictionary;
  readonly versions = new Map<string, VersionStatistics>();
  private readonly specs: readonly TierSpec[];

  constructor(model: string, attributes: readonly string[], specs: readonly TierSpec[]) {
    this.model = model;
    this.cells = new CellDictionary(attributes);
    this.specs = specs;
  }

  version(name: string): VersionStatistics {
    let statistics = this.versions.get(name);
    if (statistics === undefined) {
      statistics = new VersionStatistics(name, this.specs);
      this.versions.set(name, statistics);
    }
    return statistics;
  }

  prune(now: number): void {
    for (const statistics of this.versions.values()) statistics.prune(now);
  }
}
