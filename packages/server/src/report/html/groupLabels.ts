import { describeGroup, type AttributeValue } from '@fairwatch/core';
import type { AuditReport } from '../../audit/auditReport.js';
import { formatCount } from '../reportTables.js';

type Attributes = Readonly<Record<string, AttributeValue>>;

/** The cohorts (attributes, then intersections) in report order. */
export function cohortNames(report: AuditReport): string[] {
  return [...new Set(report.groups.map((g) => g.attribute))];
}

/**
 * A group as a reader names it: the value alone within a one-attribute cohort
 * ("African-American"), every attribute for an intersection ("race=Asian, sex=Female").
 */
export function groupLabel(attributes: Attributes): string {
  const values = Object.values(attributes);
  if (values.length === 1) return values[0] ?? '(missing)';
  return describeGroup(attributes);
}

/** "Caucasian (n 2,454)": a group with its size, as the report found it. */
export function groupWithSize(report: AuditReport, cohort: string, attributes: Attributes): string {
  const key = describeGroup(attributes);
  const group = report.groups.find(
    (g) => g.attribute === cohort && describeGroup(g.attributes) === key,
  );
  return group ? `${groupLabel(attributes)} (n ${formatCount(group.n)})` : groupLabel(attributes);
}
