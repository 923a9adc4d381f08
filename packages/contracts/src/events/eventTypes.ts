/**
 * The events a model's serving system reports (DESIGN.md, "Events"). These are the shapes
 * after validation: times in epoch milliseconds, labels and decisions as 0 or 1.
 */

export interface PredictionEvent {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly score: number | null;
  /** 0 or 1; null when the model's threshold must decide from `score`. */
  readonly prediction: 0 | 1 | null;
  /** Sensitive attribute values; null where the value is missing. */
  readonly groups: Readonly<Record<string, string | null>>;
  readonly features: Readonly<Record<string, unknown>> | null;
  readonly traffic: string | null;
}

export interface OutcomeEvent {
  /** The id of the prediction this outcome belongs to. */
  readonly id: string;
  readonly ts: number;
  readonly label: 0 | 1;
}

export const DEPLOYMENT_KINDS = ['deploy', 'canary_start', 'promote', 'rollback'] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export interface DeploymentEvent {
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly kind: DeploymentKind;
}
