/**
 * The cohort cells of one model: one cell per distinct combination of its sensitive-attribute
 * values (in the configured attribute order; null where a value is missing). Cell ids are
 * dense and permanent, so bucket arrays index them directly and the store can persist them.
 */
export class CellDictionary {
  readonly attributes: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly values: (readonly (string | null)[])[] = [];

  constructor(attributes: readonly string[]) {
    this.attributes = attributes;
  }

  get size(): number {
    return this.values.length;
  }

  /** The cell of a prediction's groups, or undefined when it is new. */
  find(groups: Readonly<Record<string, string | null>>): number | undefined {
    return this.ids.get(keyOf(this.valuesOf(groups)));
  }

  valuesOf(groups: Readonly<Record<string, string | null>>): (string | null)[] {
    return this.attributes.map((name) => groups[name] ?? null);
  }

  /** Adds a cell with the given values and returns its id; the id must be the next one. */
  add(values: readonly (string | null)[], id = this.values.length): number {
    if (id !== this.values.length) throw new Error(`cell ${String(id)} is out of order`);
    this.ids.set(keyOf(values), id);
    this.values.push([...values]);
    return id;
  }

  /** Forgets the cells from id `size` on: those of a batch whose transaction did not commit. */
  truncate(size: number): void {
    for (const values of this.values.splice(size)) this.ids.delete(keyOf(values));
  }

  cellValues(): readonly (readonly (string | null)[])[] {
    return this.values;
  }
}

function keyOf(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}
