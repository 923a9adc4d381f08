/**
 * An alert as the API lists it and receivers get it. One alert is one (SLO, model version,
 * cohort group) whose burn rate crossed a severity's threshold; its fingerprint is stable
 * across evaluations so receivers can deduplicate.
 */

export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

export type Severity = 'page' | 'ticket';

export interface DeploymentRecord {
  readonly model: string;
  readonly version: string;
  /** RFC 3339. */
  readonly ts: string;
  readonly kind: 'deploy' | 'canary_start' | 'promote' | 'rollback';
}

export interface AlertGroupSample {
  /** The group's attribute values, e.g. {"race": "Black"}. */
  readonly attributes: Readonly<Record<string, string | null>>;
  /** Predictions with an outcome that enter the metric's denominator. */
  readonly n: number;
  /** The metric's value in the group over the evaluation window, or null when undefined. */
  readonly value: number | null;
}

export interface Alert {
  /** Stable hex id of (slo, model, version, cohort, severity). */
  readonly fingerprint: string;
  readonly slo: string;
  readonly severity: Severity;
  readonly state: AlertState;
  readonly model: string;
  readonly version: string;
  /** The attribute or intersection, e.g. "race" or "race&sex". */
  readonly attribute: string;
  /** The group being compared and what it is compared with (reference group or other group). */
  readonly group: AlertGroupSample;
  readonly comparedWith: AlertGroupSample;
  readonly metric: string;
  /** "difference" or "ratio" of group to comparedWith. */
  readonly kind: 'difference' | 'ratio';
  /** Observed disparity over the SLO's evaluation window, with its confidence-sequence interval. */
  readonly value: number | null;
  readonly interval: readonly [number, number] | null;
  readonly band: readonly [number, number];
  /** Burn rates by window name, e.g. {"1h": 16.2, "5m": 20.1}. */
  readonly burnRates: Readonly<Record<string, number>>;
  readonly errorBudgetRemaining: number;
  /** RFC 3339 times; null until the state is reached. */
  readonly activeAt: string | null;
  readonly firedAt: string | null;
  readonly resolvedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly silencedBy: string | null;
  readonly recentDeployments: readonly DeploymentRecord[];
  readonly runbookUrl: string | null;
  readonly dashboardUrl: string;
  readonly summary: string;
}
