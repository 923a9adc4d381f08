export const DASHBOARD_TARGETS = { viewMs: 1_500, apiP95Ms: 200 };

/** The dashboard figures as the bench prints them, each beside its target. */
export function dashboardReport(figures, smoke) {
  const lines = [];
  lines.push('');
  lines.push(
    `## Dashboard (issue 4): ${figures.cohorts} cohorts, ${figures.minutes.toLocaleString('en-US')} minutes of 1-minute buckets, ${figures.predictions.toLocaleString('en-US')} predictions with outcomes${smoke ? " (smoke: not the issue's 7 days)" : ''}`,
  );
  lines.push(`server RSS after loading: ${(figures.memory.rssBytes / 2 ** 20).toFixed(0)} MB`);
  lines.push('');
  const rows = [];
  for (const [view, queries] of Object.entries(figures.api)) {
    for (const query of queries) {
      rows.push([
        view,
        query.path,
        query.p50Ms.toFixed(1),
        query.p95Ms.toFixed(1),
        query.p95Ms <= DASHBOARD_TARGETS.apiP95Ms ? 'met' : 'NOT met',
      ]);
    }
  }
  lines.push(
    `API queries the views make (20 sequential runs each; target p95 <= ${DASHBOARD_TARGETS.apiP95Ms} ms):`,
  );
  lines.push(formatTable(['view', 'query', 'p50 ms', 'p95 ms', 'target'], rows));
  lines.push('');
  if (figures.views === null) {
    lines.push(
      'View times: NOT measured: /usr/bin/chromium is missing (apt-get install chromium).',
    );
  } else {
    lines.push(
      `Time until each view shows its data in headless Chromium, fresh context (target <= ${DASHBOARD_TARGETS.viewMs} ms):`,
    );
    lines.push(
      formatTable(
        ['view', 'median ms', 'max ms', 'target'],
        Object.entries(figures.views).map(([view, time]) => [
          view,
          time.medianMs.toFixed(0),
          time.maxMs.toFixed(0),
          time.medianMs <= DASHBOARD_TARGETS.viewMs ? 'met' : 'NOT met',
        ]),
      ),
    );
    // Every API request a view made while it loaded should be one the table above times.
    for (const [view, time] of Object.entries(figures.views)) {
      const timed = new Set((figures.api[view] ?? []).map((query) => query.path));
      const untimed = time.requests.filter((path) => !timed.has(path));
      lines.push(
        untimed.length === 0
          ? `${view}: every API request the view made is timed above`
          : `${view}: made API requests NOT timed above: ${untimed.join(', ')}`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** A plain-text table with a header row. */
function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
