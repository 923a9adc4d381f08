/**
 * Cohorts: the ways of splitting rows into groups. A single attribute ("race") splits by its
 * values; an intersection ("race&sex") by combinations of values. Statistics are kept per cell
 * (one cell per distinct combination of all attribute values), so every cohort's groups are
 * unions of cells.
 */

/** The value of one attribute in a cell; null when the row had no value. */
export type AttributeValue = string | null;

export interface Cohort {
  /** "race", or "race&sex" for an intersection. */
  readonly name: string;
  readonly attributes: readonly string[];
}

export interface CohortGroup {
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly cells: readonly number[];
}

export const INTERSECTION_SEPARATOR = '&';

/**
 * Each attribute alone, then (when asked) every intersection of two or more attributes, in
 * the order the attributes were given.
 */
export function cohortsOf(attributes: readonly string[], intersections: boolean): Cohort[] {
  const cohorts: Cohort[] = attributes.map((name) => ({ name, attributes: [name] }));
  if (!intersections) return cohorts;
  const subsets: string[][] = [];
  const visit = (start: number, chosen: string[]): void => {
    if (chosen.length >= 2) subsets.push([...chosen]);
    for (let i = start; i < attributes.length; i++) {
      chosen.push(attributes[i]!);
      visit(i + 1, chosen);
      chosen.pop();
    }
  };
  visit(0, []);
  subsets.sort((a, b) => a.length - b.length);
  for (const subset of subsets) {
    cohorts.push({ name: subset.join(INTERSECTION_SEPARATOR), attributes: subset });
  }
  return cohorts;
}

/**
 * The groups of a cohort: cells with equal values on the cohort's attributes, in order of
 * first appearance of the value tuple. `cellValues[c][a]` is cell c's value of attribute
 * `allAttributes[a]`.
 */
export function groupsOf(
  cohort: Cohort,
  allAttributes: readonly string[],
  cellValues: readonly (readonly AttributeValue[])[],
): CohortGroup[] {
  const positions = cohort.attributes.map((name) => {
    const at = allAttributes.indexOf(name);
    if (at < 0) throw new Error(`cohort attribute ${name} is not among the attributes`);
    return at;
  });
  const byKey = new Map<string, { attributes: Record<string, AttributeValue>; cells: number[] }>();
  cellValues.forEach((values, cell) => {
    const tuple = positions.map((p) => values[p] ?? null);
    const key = JSON.stringify(tuple);
    let group = byKey.get(key);
    if (!group) {
      const attributes: Record<string, AttributeValue> = {};
      cohort.attributes.forEach((name, i) => (attributes[name] = tuple[i] ?? null));
      group = { attributes, cells: [] };
      byKey.set(key, group);
    }
    group.cells.push(cell);
  });
  return [...byKey.values()];
}

/** "race=Black, sex=F"; a missing value shows as "(missing)". */
export function describeGroup(attributes: Readonly<Record<string, AttributeValue>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}=${value ?? '(missing)'}`)
    .join(', ');
}
