/** What every metric family is built from; the registry validates it before a family exists. */
export interface FamilyDefinition {
  /** A Prometheus metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
  readonly name: string;
  readonly help: string;
  /** Label names in the order they are rendered. */
  readonly labelNames: readonly string[];
  /** The most label combinations the family keeps. */
  readonly maxSeries: number;
  /** Called when a new series is refused because the family holds `maxSeries` already. */
  readonly onDrop: () => void;
}
