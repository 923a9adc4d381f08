import type { Alert, DeploymentRecord, ServiceConfig } from '@fairwatch/contracts';
import type { AlertRecord } from '../evaluation/evaluator.js';

/** The labels an alert is matched on by silences and grouped on by receivers. */
export function alertLabels(record: AlertRecord): Record<string, string> {
  const comparison = record.evidence.comparison;
  return {
    slo: comparison.slo.name,
    model: comparison.slo.model,
    version: comparison.version,
    attribute: comparison.slo.attribute,
    group: describeGroup(comparison.group),
    metric: comparison.slo.metric,
    severity: record.severity,
    fingerprint: record.fingerprint,
  };
}

export function describeGroup(group: Readonly<Record<string, string | null>>): string {
  return Object.entries(group)
    .map(([name, value]) => `${name}=${value ?? '(missing)'}`)
    .join(', ');
}

/** An alert as the API lists it and receivers get it. */
export function alertView(
  record: AlertRecord,
  config: ServiceConfig,
  deployments: readonly DeploymentRecord[],
  silencedBy: string | null,
): Alert {
  const { comparison, change } = record.evidence;
  const slo = comparison.slo;
  const iso = (ms: number | null): string | null =>
    ms === null ? null : new Date(ms).toISOString();
  const value = change.estimate;
  const interval =
    change.interval === null ? null : ([change.interval[0], change.interval[1]] as const);
  const dashboard = dashboardLink(
    config.server.publicUrl,
    slo,
    comparison.version,
    comparison.group,
  );
  const shown = value === null ? 'n/a' : value.toFixed(3);
  const shownInterval =
    interval === null ? '' : ` [${interval[0].toFixed(3)}, ${interval[1].toFixed(3)}]`;
  return {
    fingerprint: record.fingerprint,
    slo: slo.name,
    severity: record.severity,
    state: record.lifecycle.state,
    model: slo.model,
    version: comparison.version,
    attribute: slo.attribute,
    group: {
      attributes: comparison.group,
      n: record.evidence.groupTrials,
      value: record.evidence.groupValue,
    },
    comparedWith: {
      attributes: comparison.comparedWith,
      n: record.evidence.comparedTrials,
      value: record.evidence.comparedValue,
    },
    metric: slo.metric,
    kind: slo.kind,
    value,
    interval,
    band: slo.band,
    burnRates: record.burnRates,
    errorBudgetRemaining: record.budgetRemaining,
    activeAt: iso(record.lifecycle.activeAt),
    firedAt: iso(record.lifecycle.firedAt),
    resolvedAt: iso(record.lifecycle.resolvedAt),
    acknowledgedBy: record.acknowledgedBy,
    silencedBy,
    recentDeployments: deployments,
    runbookUrl: slo.runbookUrl,
    dashboardUrl: dashboard,
    summary: `${slo.model} ${comparison.version}: ${slo.metric} ${slo.kind} of ${describeGroup(comparison.group)} vs ${describeGroup(comparison.comparedWith)} is ${shown}${shownInterval}, outside [${String(slo.band[0])}, ${String(slo.band[1])}]`,
  };
}

/**
 * The dashboard's on-call view of this alert: the model, attribute, version, metric and cohort
 * are in the URL, so the link opens exactly the chart and the group the alert is about.
 */
export function dashboardLink(
  publicUrl: string,
  slo: { readonly model: string; readonly attribute: string; readonly metric: string },
  version: string,
  group: Readonly<Record<string, string | null>>,
): string {
  const query = new URLSearchParams({
    model: slo.model,
    attribute: slo.attribute,
    version,
    metric: slo.metric,
  });
  for (const [name, value] of Object.entries(group)) {
    if (value !== null) query.set(`cohort.${name}`, value);
  }
  return `${publicUrl}/#/oncall?${query.toString()}`;
}
