import type { InputShift } from './featureModel.js';
import type { LabelDelay } from './labelDelay.js';
import { FAIR_RATES, type ErrorRates } from './scoreModel.js';
import { SEGMENT_SHARES, SMALL_COHORT_SEGMENT_SHARES, type GroupShare } from './segmentShares.js';

/** The simulated model and its versions. */
export const MODEL = 'loans';
export const BASE_VERSION = 'v1';
export const CANARY_VERSION = 'v2';

export const SCENARIO_NAMES = [
  'fair',
  'canary-regression',
  'vendor-drift',
  'label-lag',
  'small-cohort',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What a correct monitor does about a scenario. */
export type ExpectedAlert = 'fire' | 'none' | 'none-below-minimum-samples';

/** A fairness incident injected at the onset: one cohort's error rates change on one version. */
export interface Incident {
  readonly name: string;
  /** The version whose predictions are affected. */
  readonly version: string;
  /** The affected traffic split, when the incident is confined to a canary. */
  readonly traffic: 'canary' | null;
  readonly attribute: string;
  readonly group: string;
  /** The cohort's rates on the affected version from the onset on (every other cohort: fair). */
  readonly rates: ErrorRates;
  /**
   * How the cohort's inputs change at the onset, when the incident is in the inputs rather than
   * the model; null when the features stay as they were (the model itself changed).
   */
  readonly inputShift: InputShift | null;
  /** What happened, in words. */
  readonly cause: string;
  readonly alert: ExpectedAlert;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly summary: string;
  readonly segmentShares: readonly GroupShare[];
  readonly labelDelay: LabelDelay;
  /** The fraction of outcomes that never arrive. */
  readonly lostOutcomeFraction: number;
  /** Whether v2 starts at the onset as a canary taking half the traffic. */
  readonly canary: boolean;
  readonly incident: Incident | null;
}

/** Outcomes arrive a few minutes after their prediction unless a scenario says otherwise. */
export const DEFAULT_LABEL_DELAY: LabelDelay = { kind: 'exponential', meanMs: 5 * 60_000 };

/** Half the traffic goes to the canary once it starts. */
export const CANARY_SHARE = 0.5;

const fair: Scenario = {
  name: 'fair',
  summary: 'v1 all along; every group has TPR 0.80 and FPR 0.10; no disparity',
  segmentShares: SEGMENT_SHARES,
  labelDelay: DEFAULT_LABEL_DELAY,
  lostOutcomeFraction: 0,
  canary: false,
  incident: null,
};

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  fair,
  'canary-regression': {
    ...fair,
    name: 'canary-regression',
    summary:
      'v1 serving; at the onset v2 starts as a canary on 50% of traffic and raises FPR for segment s02 from 0.10 to 0.20',
    canary: true,
    incident: {
      name: 'canary regression',
      version: CANARY_VERSION,
      traffic: 'canary',
      attribute: 'segment',
      group: 's02',
      rates: { tpr: FAIR_RATES.tpr, fpr: 0.2 },
      inputShift: null,
      cause:
        "v2 scores segment s02's negatives higher: their logit mean rises by 0.66 (1.5 x (Phi^-1(0.20) - Phi^-1(0.10))); positives unchanged",
      alert: 'fire',
    },
  },
  'vendor-drift': {
    ...fair,
    name: 'vendor-drift',
    summary:
      "v1 only; at the onset a vendor change doubles segment s03's reported income so its scores rise: FPR 0.10 -> 0.20, selection rate 0.31 -> 0.41",
    incident: {
      name: 'vendor drift',
      version: 'v1',
      traffic: null,
      attribute: 'segment',
      group: 's03',
      rates: { tpr: 0.9, fpr: 0.2 },
      // The doubling and the logit shift agree: 0.95 (INCOME_LOGIT_WEIGHT) x ln 2 = 0.66.
      inputShift: { feature: 'income', factor: 2 },
      cause:
        "after a vendor change segment s03's income arrives doubled (household instead of applicant income); the score's weight of 0.95 per unit of ln(income) lifts its logits by 0.95 x ln 2 = 0.66 for both labels (TPR 0.80 -> 0.90, FPR 0.10 -> 0.20)",
      alert: 'fire',
    },
  },
  'label-lag': {
    ...fair,
    name: 'label-lag',
    summary:
      'fair, but outcomes arrive hours to days late (log-normal, median 8h) and 15% never arrive',
    labelDelay: { kind: 'lognormal', medianMs: 8 * 3_600_000, sigma: 1 },
    lostOutcomeFraction: 0.15,
  },
  'small-cohort': {
    ...fair,
    name: 'small-cohort',
    summary:
      'segment s20 is rare (0.2% of traffic) and its FPR rises from 0.10 to 0.25 at the onset; too few samples to alert on',
    segmentShares: SMALL_COHORT_SEGMENT_SHARES,
    incident: {
      name: 'small-cohort regression',
      version: 'v1',
      traffic: null,
      attribute: 'segment',
      group: 's20',
      rates: { tpr: FAIR_RATES.tpr, fpr: 0.25 },
      inputShift: null,
      cause:
        "segment s20's negatives are scored higher from the onset: their logit mean rises by 0.91 (1.5 x (Phi^-1(0.25) - Phi^-1(0.10)))",
      alert: 'none-below-minimum-samples',
    },
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** The onset when none is given: a third of the run or 2 h after the start, whichever is sooner. */
export function defaultOnsetAfter(durationMs: number): number {
  return Math.min(durationMs / 3, 2 * 3_600_000);
}

/** The error rates of a prediction for `segment` on `version`, before or after the onset. */
export function ratesFor(
  scenario: Scenario,
  segment: string,
  version: string,
  afterOnset: boolean,
): ErrorRates {
  const incident = affectingIncident(scenario, segment, version, afterOnset);
  return incident === null ? FAIR_RATES : incident.rates;
}

/** The change to the inputs of a prediction for `segment` on `version`; null for none. */
export function inputShiftFor(
  scenario: Scenario,
  segment: string,
  version: string,
  afterOnset: boolean,
): InputShift | null {
  return affectingIncident(scenario, segment, version, afterOnset)?.inputShift ?? null;
}

function affectingIncident(
  scenario: Scenario,
  segment: string,
  version: string,
  afterOnset: boolean,
): Incident | null {
  const incident = scenario.incident;
  return incident !== null &&
    afterOnset &&
    segment === incident.group &&
    version === incident.version
    ? incident
    : null;
}
