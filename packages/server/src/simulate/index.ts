export type {
  SimulationOptions,
  SimulatedEvent,
  EventKind,
  PredictionBody,
  OutcomeBody,
  DeploymentBody,
} from './simulatedEvents.js';
export { simulatedEvents, onsetOf, predictionId, deploymentsOf } from './simulatedEvents.js';
export type { Scenario, ScenarioName, Incident, ExpectedAlert } from './scenarios.js';
export {
  SCENARIOS,
  SCENARIO_NAMES,
  MODEL,
  BASE_VERSION,
  CANARY_VERSION,
  CANARY_SHARE,
  DEFAULT_LABEL_DELAY,
  defaultOnsetAfter,
  isScenarioName,
  ratesFor,
} from './scenarios.js';
export type {
  ScenarioDescription,
  IncidentTruth,
  MetricEffect,
  AttributeDescription,
} from './describeScenario.js';
export { describeScenario } from './describeScenario.js';
export { scenarioText } from './scenarioText.js';
export type { ErrorRates } from './scoreModel.js';
export {
  DECISION_THRESHOLD,
  PREVALENCE,
  FAIR_RATES,
  LOGIT_SPREAD,
  logitMeans,
  drawScore,
  selectionRate,
} from './scoreModel.js';
export type { GroupShare } from './segmentShares.js';
export { SEGMENT_SHARES, SMALL_COHORT_SEGMENT_SHARES, SEX_SHARES } from './segmentShares.js';
export type { LabelDelay } from './labelDelay.js';
export { parseDuration, formatDuration } from './duration.js';
export type { Clock, Pace } from './pacer.js';
export { systemClock, dueTime } from './pacer.js';
export type { FetchLike, RetryPolicy, Rejection, BatchResult } from './postBatch.js';
export { DEFAULT_RETRY } from './postBatch.js';
export type { SendOptions, SendProgress } from './sendEvents.js';
export { sendEvents, INGEST_PATHS } from './sendEvents.js';
export type { SendSummary } from './sendTally.js';
