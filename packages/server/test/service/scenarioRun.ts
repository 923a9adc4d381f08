/**
 * A simulated scenario run through a service in event time, with every alert transition the
 * evaluations made recorded beside the labels of its alert.
 */
import type { ServiceConfig } from '@fairwatch/contracts';
import { alertLabels } from '../../src/alerting/alertView.js';
import type { Lifecycle } from '../../src/alerting/alertLifecycle.js';
import type { AlertRecord } from '../../src/evaluation/evaluator.js';
import { MonitorService } from '../../src/service/monitorService.js';
import { onsetOf, type SimulationOptions } from '../../src/simulate/simulatedEvents.js';
import { feedSimulation } from './serviceFixtures.js';

export interface ObservedTransition {
  readonly at: number;
  readonly from: Lifecycle['state'];
  readonly to: Lifecycle['state'];
  readonly labels: Readonly<Record<string, string>>;
  /** The group's metric denominator over the SLO window when the transition was made. */
  readonly groupTrials: number;
}

export interface ScenarioRun {
  readonly service: MonitorService;
  readonly onset: number;
  readonly end: number;
  /** The event times of every evaluation, in order. */
  readonly evaluations: readonly number[];
  readonly transitions: readonly ObservedTransition[];
  /** Every alert record any evaluation left, by fingerprint, as last seen. */
  readonly seen: ReadonlyMap<string, AlertRecord>;
}

/**
 * Runs `simulation` through a new service on `config` in event time; `afterEvaluation` is
 * called after each evaluation. The wall clock stands at the end of the run, so no simulated
 * event lies in the future. The caller closes the service.
 */
export function runScenario(
  config: ServiceConfig,
  simulation: SimulationOptions,
  afterEvaluation: (service: MonitorService, now: number) => void = () => undefined,
): ScenarioRun {
  const end = simulation.startMs + simulation.durationMs;
  const evaluations: number[] = [];
  const transitions: ObservedTransition[] = [];
  const seen = new Map<string, AlertRecord>();
  const labelsOf = new Map<string, Record<string, string>>();
  const service: MonitorService = new MonitorService(config, {
    clock: 'event',
    wall: () => end,
    timers: false,
    onEvaluated: (now, made) => {
      evaluations.push(now);
      for (const record of service.evaluator.alertRecords()) {
        seen.set(record.fingerprint, record);
        labelsOf.set(record.fingerprint, alertLabels(record));
      }
      for (const transition of made) {
        transitions.push({
          at: now,
          from: transition.from,
          to: transition.to,
          labels: labelsOf.get(transition.fingerprint) ?? { fingerprint: transition.fingerprint },
          groupTrials: seen.get(transition.fingerprint)?.evidence.groupTrials ?? Number.NaN,
        });
      }
      afterEvaluation(service, now);
    },
  });
  service.start();
  feedSimulation(service, simulation);
  return { service, onset: onsetOf(simulation), end, evaluations, transitions, seen };
}
