import type { FamilySnapshot, LabelPair } from './metricSnapshot.js';

/** The Content-Type of `GET /metrics`: Prometheus text exposition format 0.0.4. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Renders families in the Prometheus text exposition format 0.0.4: per family a `# HELP` and a
 * `# TYPE` line, then one line per sample, `name{label="value",...} value`. Families come out
 * sorted by name, so the output is the same whatever order they were registered in; a family
 * with no samples still gets its HELP and TYPE lines. No timestamps: Prometheus stamps the
 * scrape.
 */
export function renderExposition(families: readonly FamilySnapshot[]): string {
  const lines: string[] = [];
  const sorted = [...families].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const family of sorted) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${sample.name}${renderLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * A sample value as Prometheus parses it (Go's ParseFloat): `NaN`, `+Inf`, `-Inf`, otherwise
 * JavaScript's shortest round-trip decimal (`0.1`, `1e+21`, `5e-324`).
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** In a label value, backslash, double quote and line feed are escaped as `\\`, `\"`, `\n`. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** In HELP text, backslash and line feed are escaped as `\\` and `\n` (quotes are not). */
export function escapeHelp(help: string): string {
  return help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function renderLabels(labels: readonly LabelPair[]): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}
