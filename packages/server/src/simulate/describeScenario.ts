import type { RateMetric } from '@fairwatch/core';
import {
  CHANNELS,
  CHANNEL_SHARES,
  CREDIT_LINES_MEAN,
  INCOME_LABEL_LIFT,
  INCOME_LOG_SPREAD,
  INCOME_MEDIAN,
  INCOME_SCORE_CORRELATION,
  type InputShift,
} from './featureModel.js';
import { describeLabelDelay, meanLabelDelay } from './labelDelay.js';
import {
  BASE_VERSION,
  CANARY_SHARE,
  CANARY_VERSION,
  MODEL,
  SCENARIOS,
  type ExpectedAlert,
  type ScenarioName,
} from './scenarios.js';
import { DECISION_THRESHOLD, FAIR_RATES, PREVALENCE, selectionRate } from './scoreModel.js';
import { SEX_SHARES, type GroupShare } from './segmentShares.js';
import {
  deploymentsOf,
  onsetOf,
  type DeploymentBody,
  type SimulationOptions,
} from './simulatedEvents.js';

export interface AttributeDescription {
  readonly name: string;
  readonly groups: readonly GroupShare[];
}

/** One feature every prediction carries, and how it is drawn. */
export interface FeatureDescription {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly distribution: string;
}

/** How one metric of the affected cohort moves at the onset. */
export interface MetricEffect {
  readonly metric: RateMetric;
  readonly before: number;
  readonly after: number;
}

/** The injected incident: where, when and how much. */
export interface IncidentTruth {
  readonly name: string;
  /** Onset in simulated time, RFC 3339. */
  readonly onset: string;
  readonly onsetMs: number;
  readonly model: string;
  readonly version: string;
  /** `canary` when only the canary's traffic is affected. */
  readonly traffic: 'canary' | null;
  readonly cohort: { readonly attribute: string; readonly group: string };
  /** The headline metric (always `fpr` here), its values and the change `after - before`. */
  readonly metric: RateMetric;
  readonly before: number;
  readonly after: number;
  readonly magnitude: number;
  /** Every rate metric of the cohort that changes, headline first. */
  readonly effects: readonly MetricEffect[];
  /** How the cohort's features change at the onset; null when they do not. */
  readonly inputShift: InputShift | null;
  readonly cause: string;
  /** The cohort's expected traffic after the onset, for judging sample-size rules. */
  readonly cohortPerHour: {
    readonly predictions: number;
    readonly labelledNegatives: number;
    readonly labelledPositives: number;
  };
}

/** A run's model, traffic and ground truth, for a demo config, a benchmark or a person. */
export interface ScenarioDescription {
  readonly scenario: ScenarioName;
  readonly summary: string;
  readonly seed: number;
  readonly model: string;
  readonly threshold: number;
  readonly versions: readonly string[];
  readonly attributes: readonly AttributeDescription[];
  /** Distributed alike in every group, except where `incident.inputShift` says. */
  readonly features: readonly FeatureDescription[];
  readonly start: string;
  readonly end: string;
  readonly durationMs: number;
  readonly ratePerSecond: number;
  readonly expectedPredictions: number;
  /** Label prevalence and, for a fair group, the rates at the threshold. */
  readonly baseline: {
    readonly prevalence: number;
    readonly tpr: number;
    readonly fpr: number;
    readonly selectionRate: number;
  };
  readonly labels: {
    readonly delay: string;
    readonly meanDelayMs: number;
    /** The fraction of outcomes that never arrive (outcomes due after the end are not sent either). */
    readonly lostFraction: number;
  };
  readonly deployments: readonly DeploymentBody[];
  /** Null when nothing is injected. */
  readonly incident: IncidentTruth | null;
  /** What a correct monitor does. */
  readonly expectedAlert: ExpectedAlert;
  readonly expectation: string;
}

export function describeScenario(options: SimulationOptions): ScenarioDescription {
  const scenario = SCENARIOS[options.scenario];
  const incident = scenario.incident;
  const onsetMs = Math.floor(onsetOf(options));
  const end = options.startMs + options.durationMs;
  const deployments = deploymentsOf(options).filter((d) => d.ts < end);
  const segments = scenario.segmentShares;
  let truth: IncidentTruth | null = null;
  if (incident !== null) {
    const share =
      (segments.find((s) => s.group === incident.group)?.share ?? 0) *
      (incident.traffic === 'canary' ? CANARY_SHARE : 1);
    const predictions = options.ratePerSecond * 3600 * share;
    const arriving = 1 - scenario.lostOutcomeFraction;
    const effects: MetricEffect[] = [
      { metric: 'fpr', before: FAIR_RATES.fpr, after: incident.rates.fpr },
      {
        metric: 'selection_rate',
        before: round(selectionRate(FAIR_RATES)),
        after: round(selectionRate(incident.rates)),
      },
    ];
    if (incident.rates.tpr !== FAIR_RATES.tpr) {
      effects.push({ metric: 'tpr', before: FAIR_RATES.tpr, after: incident.rates.tpr });
    }
    truth = {
      name: incident.name,
      onset: new Date(onsetMs).toISOString(),
      onsetMs,
      model: MODEL,
      version: incident.version,
      traffic: incident.traffic,
      cohort: { attribute: incident.attribute, group: incident.group },
      metric: 'fpr',
      before: FAIR_RATES.fpr,
      after: incident.rates.fpr,
      magnitude: round(incident.rates.fpr - FAIR_RATES.fpr),
      effects,
      inputShift: incident.inputShift,
      cause: incident.cause,
      cohortPerHour: {
        predictions: round(predictions),
        labelledNegatives: round(predictions * (1 - PREVALENCE) * arriving),
        labelledPositives: round(predictions * PREVALENCE * arriving),
      },
    };
  }
  return {
    scenario: scenario.name,
    summary: scenario.summary,
    seed: options.seed,
    model: MODEL,
    threshold: DECISION_THRESHOLD,
    versions: scenario.canary ? [BASE_VERSION, CANARY_VERSION] : [BASE_VERSION],
    attributes: [
      { name: 'segment', groups: segments },
      { name: 'sex', groups: SEX_SHARES },
    ],
    features: FEATURES,
    start: new Date(options.startMs).toISOString(),
    end: new Date(end).toISOString(),
    durationMs: options.durationMs,
    ratePerSecond: options.ratePerSecond,
    expectedPredictions: Math.round((options.ratePerSecond * options.durationMs) / 1000),
    baseline: {
      prevalence: PREVALENCE,
      tpr: FAIR_RATES.tpr,
      fpr: FAIR_RATES.fpr,
      selectionRate: round(selectionRate(FAIR_RATES)),
    },
    labels: {
      delay: describeLabelDelay(scenario.labelDelay),
      meanDelayMs: Math.round(meanLabelDelay(scenario.labelDelay)),
      lostFraction: scenario.lostOutcomeFraction,
    },
    deployments,
    incident: truth,
    expectedAlert: incident?.alert ?? 'none',
    expectation: expectation(truth, incident?.alert ?? 'none', scenario.lostOutcomeFraction > 0),
  };
}

const percentOf = (share: number): string => `${Math.round(share * 100)}%`;

const FEATURES: readonly FeatureDescription[] = [
  {
    name: 'income',
    kind: 'numeric',
    distribution: `log-normal, median ${INCOME_MEDIAN} for label 0 and ${Math.round(INCOME_MEDIAN * Math.exp(INCOME_LABEL_LIFT))} for label 1, sigma ${INCOME_LOG_SPREAD}, correlation ${round(INCOME_SCORE_CORRELATION, 2)} with the score's noise`,
  },
  {
    name: 'credit_lines',
    kind: 'numeric',
    distribution: `Poisson, mean ${CREDIT_LINES_MEAN[0]} for label 0 and ${CREDIT_LINES_MEAN[1]} for label 1`,
  },
  {
    name: 'channel',
    kind: 'categorical',
    distribution: ([0, 1] as const)
      .map(
        (label) =>
          `${CHANNELS.map((c) => `${c} ${percentOf(CHANNEL_SHARES[label][c])}`).join(', ')} for label ${label}`,
      )
      .join('; '),
  },
];

function expectation(
  truth: IncidentTruth | null,
  alert: ExpectedAlert,
  lateLabels: boolean,
): string {
  if (truth === null) {
    return lateLabels
      ? 'no alert: every group is treated alike; metrics lag and many predictions stay pending, which must not read as a disparity'
      : 'no alert: every group is treated alike';
  }
  const where = `${truth.model} ${truth.version}${truth.traffic === null ? '' : ` (${truth.traffic})`}, ${truth.cohort.attribute}=${truth.cohort.group}`;
  switch (alert) {
    case 'fire':
      return `an ${truth.metric} alert for ${where} after the onset; nothing for other groups${truth.traffic === null ? '' : ` or for ${BASE_VERSION}`}`;
    case 'none-below-minimum-samples':
      return `no alert for ${where} while it has fewer labelled samples than the minimum (about ${truth.cohortPerHour.labelledNegatives} labelled negatives per hour at this rate); the disparity is real but too thin to judge`;
    case 'none':
      return 'no alert';
  }
}

/** Rounds to 6 decimals so derived rates print as 0.31, not 0.30999999999999994. */
function round(value: number, decimals = 6): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
