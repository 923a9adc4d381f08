import { countInto, equalWidthEdges } from '@fairwatch/core';

/** How many values of a categorical feature are listed; the others are summed as `other`. */
export const TOP_VALUES = 20;

/** One side of a comparison (the cohort, or everyone else): the features of its rows. */
export class FeatureSample {
  rows = 0;
  readonly values = new Map<string, unknown[]>();

  add(features: Readonly<Record<string, unknown>> | null): void {
    this.rows += 1;
    if (features === null) return;
    for (const [name, value] of Object.entries(features)) {
      if (value === null) continue;
      let list = this.values.get(name);
      if (list === undefined) {
        list = [];
        this.values.set(name, list);
      }
      list.push(value);
    }
  }
}

export type FeatureDistribution =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      readonly edges: readonly number[];
      readonly cohort: { readonly counts: readonly number[]; readonly missing: number };
      readonly rest: { readonly counts: readonly number[]; readonly missing: number };
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      /** The most frequent values over both sides, with each side's count. */
      readonly values: readonly { value: string; cohort: number; rest: number }[];
      readonly cohort: { readonly other: number; readonly missing: number };
      readonly rest: { readonly other: number; readonly missing: number };
    }
  | { readonly name: string; readonly kind: 'unsupported'; readonly reason: string };

/**
 * Each feature's distribution in the cohort and in the rest, side by side. A feature whose
 * every value is a finite number is numeric: one equal-width histogram per side on shared
 * edges (over both sides' range), so the bins line up. A feature of strings, booleans or a
 * mix is categorical: the `TOP_VALUES` most frequent values over both sides. Objects and lists
 * are not summarised. `missing` counts the rows without the feature (absent or null).
 */
export function featureDistributions(
  cohort: FeatureSample,
  rest: FeatureSample,
  bins: number,
): FeatureDistribution[] {
  const names = [...new Set([...cohort.values.keys(), ...rest.values.keys()])].sort();
  return names.map((name) => {
    const mine = cohort.values.get(name) ?? [];
    const theirs = rest.values.get(name) ?? [];
    const missing = { cohort: cohort.rows - mine.length, rest: rest.rows - theirs.length };
    const isObject = (value: unknown): boolean => typeof value === 'object';
    if (mine.some(isObject) || theirs.some(isObject)) {
      return { name, kind: 'unsupported', reason: 'objects and lists are not summarised' };
    }
    if (mine.every(isFiniteNumber) && theirs.every(isFiniteNumber)) {
      const edges = equalWidthEdges([...mine, ...theirs], bins);
      return {
        name,
        kind: 'numeric',
        edges,
        cohort: { counts: countInto(mine, edges), missing: missing.cohort },
        rest: { counts: countInto(theirs, edges), missing: missing.rest },
      };
    }
    const mineCounts = tally(mine);
    const theirCounts = tally(theirs);
    const combined = new Map(mineCounts);
    for (const [value, count] of theirCounts)
      combined.set(value, (combined.get(value) ?? 0) + count);
    const top = [...combined.entries()]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, TOP_VALUES)
      .map(([value]) => ({
        value,
        cohort: mineCounts.get(value) ?? 0,
        rest: theirCounts.get(value) ?? 0,
      }));
    const listed = (side: 'cohort' | 'rest'): number =>
      top.reduce((sum, entry) => sum + entry[side], 0);
    return {
      name,
      kind: 'categorical',
      values: top,
      cohort: { other: mine.length - listed('cohort'), missing: missing.cohort },
      rest: { other: theirs.length - listed('rest'), missing: missing.rest },
    };
  });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function tally(values: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
