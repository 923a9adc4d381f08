import { seededRandom } from '../sample/seededRandom.js';
import { drawFeatures, type FeatureDraws, type SimulatedFeatures } from './featureModel.js';
import { drawLabelDelay } from './labelDelay.js';
import { PendingOutcomes } from './pendingOutcomes.js';
import {
  BASE_VERSION,
  CANARY_SHARE,
  CANARY_VERSION,
  MODEL,
  SCENARIOS,
  defaultOnsetAfter,
  inputShiftFor,
  ratesFor,
  type ScenarioName,
} from './scenarios.js';
import { DECISION_THRESHOLD, PREVALENCE, drawScore, scoreNoise } from './scoreModel.js';
import { SEX_SHARES, pickGroup } from './segmentShares.js';

/** What a run simulates. Times are epoch milliseconds of simulated time. */
export interface SimulationOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  /** Predictions per simulated second (a Poisson process). */
  readonly ratePerSecond: number;
  readonly startMs: number;
  readonly durationMs: number;
  /** When the incident (or canary) begins, after the start; default {@link defaultOnsetAfter}. */
  readonly onsetAfterMs?: number;
}

/** `POST /v1/predictions` item. */
export interface PredictionBody {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  /** Epoch milliseconds. */
  readonly ts: number;
  readonly score: number;
  readonly prediction: 0 | 1;
  readonly groups: { readonly segment: string; readonly sex: string };
  readonly features: SimulatedFeatures;
  readonly traffic?: 'canary' | 'control';
}

/** `POST /v1/outcomes` item. */
export interface OutcomeBody {
  readonly id: string;
  readonly ts: number;
  readonly label: 0 | 1;
}

/** `POST /v1/deployments` item. */
export interface DeploymentBody {
  readonly model: string;
  readonly version: string;
  readonly ts: number;
  readonly kind: 'deploy' | 'canary_start' | 'promote' | 'rollback';
}

/**
 * One event of the merged stream. Predictions and outcomes carry the prediction's ordinal
 * `index` (0, 1, ...), so a sender knows which prediction an outcome refers to without a lookup.
 */
export type SimulatedEvent =
  | { readonly kind: 'prediction'; readonly index: number; readonly body: PredictionBody }
  | { readonly kind: 'outcome'; readonly index: number; readonly body: OutcomeBody }
  | { readonly kind: 'deployment'; readonly body: DeploymentBody };

export type EventKind = SimulatedEvent['kind'];

/** The onset time of a run (epoch ms), whether or not its scenario has an incident. */
export function onsetOf(options: SimulationOptions): number {
  return options.startMs + (options.onsetAfterMs ?? defaultOnsetAfter(options.durationMs));
}

/** The prediction ids of a run are `${scenario}-${seed}-${index}`. */
export function predictionId(options: SimulationOptions, index: number): string {
  return `${options.scenario}-${options.seed}-${index}`;
}

/** The deployments of a run, in time order: v1 at the start, and a v2 canary at the onset. */
export function deploymentsOf(options: SimulationOptions): DeploymentBody[] {
  const deployments: DeploymentBody[] = [
    { model: MODEL, version: BASE_VERSION, ts: options.startMs, kind: 'deploy' },
  ];
  if (SCENARIOS[options.scenario].canary) {
    const onset = Math.floor(onsetOf(options));
    deployments.push({ model: MODEL, version: CANARY_VERSION, ts: onset, kind: 'canary_start' });
  }
  return deployments;
}

/**
 * The draws that decide one prediction's fate. Each prediction consumes exactly these eight
 * uniforms in this order whatever the scenario, so one seed gives the same arrivals, groups,
 * labels and score noise in every scenario; scenarios differ only in what they do with them.
 */
interface Draws {
  readonly gap: number;
  readonly segment: number;
  readonly sex: number;
  readonly label: number;
  readonly score: number;
  readonly traffic: number;
  readonly lost: number;
  readonly delay: number;
}

function draw(random: () => number): Draws {
  return {
    gap: random(),
    segment: random(),
    sex: random(),
    label: random(),
    score: random(),
    traffic: random(),
    lost: random(),
    delay: random(),
  };
}

function drawForFeatures(random: () => number): FeatureDraws {
  return { income: random(), creditLines: random(), channel: random() };
}

/**
 * The seed of a run's second stream, the features'. Features take their draws from a stream of
 * their own so that adding them left every other draw, and so every stream a seed gave before,
 * unchanged. mulberry32 steps its state by an odd constant, so seed + 2^31 is the same sequence
 * half its period (2^31 draws) ahead: the two streams share no draw for the first 2^31 / 8 =
 * 268 million predictions, whatever the seed.
 */
export function featureSeed(seed: number): number {
  return (seed + 0x80000000) >>> 0;
}

/**
 * The simulated stream: predictions arriving as a Poisson process, each one's outcome after
 * the scenario's label delay (unless lost), and the deployments, merged in time order (ties:
 * deployments, then outcomes, then predictions). It stops at the end of the run; outcomes due
 * after the end are never emitted. Lazy: it holds only the outcomes not yet due.
 *
 * Pure: time and randomness come from the options, so a seed always gives the same stream.
 */
export function* simulatedEvents(options: SimulationOptions): Generator<SimulatedEvent, void> {
  const scenario = SCENARIOS[options.scenario];
  const random = seededRandom(options.seed);
  const featureRandom = seededRandom(featureSeed(options.seed));
  const end = options.startMs + options.durationMs;
  const onset = onsetOf(options);
  const deployments = deploymentsOf(options);
  const pending = new PendingOutcomes();
  const meanGapMs = 1000 / options.ratePerSecond;
  let nextDeployment = 0;
  let index = 0;
  let draws = draw(random);
  let arrival = options.startMs - meanGapMs * Math.log1p(-draws.gap);

  for (;;) {
    const deployment = deployments[nextDeployment];
    const deploymentAt = deployment?.ts ?? Infinity;
    const outcome = pending.peek();
    const outcomeAt = outcome?.at ?? Infinity;
    if (Math.min(deploymentAt, outcomeAt, arrival) >= end) return;

    if (deployment !== undefined && deploymentAt <= outcomeAt && deploymentAt <= arrival) {
      nextDeployment++;
      yield { kind: 'deployment', body: deployment };
    } else if (outcome !== undefined && outcomeAt <= arrival) {
      pending.pop();
      yield {
        kind: 'outcome',
        index: outcome.index,
        body: {
          id: predictionId(options, outcome.index),
          ts: Math.floor(outcome.at),
          label: outcome.label,
        },
      };
    } else {
      const afterOnset = arrival >= onset;
      const onCanary = scenario.canary && afterOnset && draws.traffic < CANARY_SHARE;
      const version = onCanary ? CANARY_VERSION : BASE_VERSION;
      const segment = pickGroup(scenario.segmentShares, draws.segment);
      const label = draws.label < PREVALENCE ? 1 : 0;
      const score = drawScore(label, ratesFor(scenario, segment, version, afterOnset), draws.score);
      // Drawn for every prediction, so prediction n always gets the feature stream's draws n.
      const features = drawFeatures(
        label,
        scoreNoise(draws.score),
        drawForFeatures(featureRandom),
        inputShiftFor(scenario, segment, version, afterOnset),
      );
      const body: PredictionBody = {
        id: predictionId(options, index),
        model: MODEL,
        version,
        ts: Math.floor(arrival),
        score,
        prediction: score >= DECISION_THRESHOLD ? 1 : 0,
        groups: { segment, sex: pickGroup(SEX_SHARES, draws.sex) },
        features,
        ...(scenario.canary && afterOnset ? { traffic: onCanary ? 'canary' : 'control' } : {}),
      };
      if (draws.lost >= scenario.lostOutcomeFraction) {
        pending.push({
          at: arrival + drawLabelDelay(scenario.labelDelay, draws.delay),
          index,
          label,
        });
      }
      yield { kind: 'prediction', index, body };
      index++;
      draws = draw(random);
      arrival -= meanGapMs * Math.log1p(-draws.gap);
    }
  }
}
