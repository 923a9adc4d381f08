import type { IncidentTruth, ScenarioDescription } from './describeScenario.js';
import { formatDuration } from './duration.js';

/** The description of a run as the lines `fairwatch simulate` prints before it sends anything. */
export function scenarioText(description: ScenarioDescription): string {
  const d = description;
  const segments = d.attributes[0]?.groups ?? [];
  const lines = [
    `scenario ${d.scenario} (seed ${d.seed}): ${d.summary}`,
    `  model ${d.model}, versions ${d.versions.join(', ')}, threshold ${d.threshold}`,
    `  attributes: segment ${segments.map((g) => `${g.group} ${percent(g.share)}`).join(', ')}; sex F 50%, M 50%`,
    `  features, alike in every group${d.incident?.inputShift ? ' until the onset' : ''}:`,
    ...d.features.map((f) => `    ${f.name}: ${f.distribution}`),
    `  simulated ${d.start} to ${d.end} (${formatDuration(d.durationMs)}) at ${d.ratePerSecond} predictions/s, about ${d.expectedPredictions} predictions`,
    `  baseline: prevalence ${d.baseline.prevalence}, TPR ${d.baseline.tpr}, FPR ${d.baseline.fpr}, selection rate ${d.baseline.selectionRate} in every group`,
    `  outcomes: ${d.labels.delay}${d.labels.lostFraction > 0 ? `; ${percent(d.labels.lostFraction)} never arrive` : ''}; those due after the end are not sent`,
    `  deployments: ${d.deployments.map((x) => `${x.kind} ${x.version} at ${new Date(x.ts).toISOString()}`).join('; ')}`,
  ];
  const incident = d.incident;
  if (incident === null) {
    lines.push('ground truth: no incident');
  } else {
    lines.push(
      `ground truth: ${incident.name}`,
      `  onset ${incident.onset}`,
      `  version ${incident.version}${incident.traffic === null ? '' : ` (traffic=${incident.traffic})`}, cohort ${incident.cohort.attribute}=${incident.cohort.group}`,
      `  ${incident.effects.map((e) => `${e.metric} ${e.before} -> ${e.after}`).join(', ')} (headline ${incident.metric} ${signed(incident.magnitude)})`,
      `  features: ${incidentFeatures(d, incident)}`,
      `  cause: ${incident.cause}`,
      `  cohort traffic after the onset: about ${incident.cohortPerHour.predictions} predictions, ${incident.cohortPerHour.labelledNegatives} labelled negatives per hour`,
    );
  }
  lines.push(`expected: ${d.expectation}`);
  return `${lines.join('\n')}\n`;
}

/** How the cohort's features move at the onset, so a feature view can be checked against it. */
function incidentFeatures(d: ScenarioDescription, incident: IncidentTruth): string {
  const shift = incident.inputShift;
  if (shift === null) return 'unchanged (the scores moved, not the inputs)';
  const others = d.features
    .map((f) => f.name)
    .filter((name) => name !== shift.feature)
    .join(' and ');
  return `${shift.feature} x${shift.factor} in ${incident.cohort.attribute}=${incident.cohort.group} from the onset; ${others} unchanged`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function signed(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}
