import type { Interval } from '@fairwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/auditReport.js';
import { groupLabel } from '../../src/report/html/groupLabels.js';
import { htmlReport } from '../../src/report/htmlReport.js';
import { auditFixture, HOSTILE_GROUP } from './auditFixture.js';
import { svgElements, xmlProblems } from './xmlWellFormed.js';

const GENERATED_AT = '2026-01-02T03:04:05.000Z';

let withProbabilities: AuditReport;
let withDeciles: AuditReport;
let withoutScores: AuditReport;
let html: string;

beforeAll(async () => {
  [withProbabilities, withDeciles, withoutScores] = await Promise.all([
    auditFixture('probabilities'),
    auditFixture('deciles'),
    auditFixture('none'),
  ]);
  html = htmlReport(withProbabilities, { generatedAt: GENERATED_AT });
});

/** The numbers as the report writes them: three decimals, whole numbers bare. */
function shown(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
function shownInterval(ci: Interval): string {
  return `[${shown(ci[0])}, ${shown(ci[1])}]`;
}

/** The text of every cell of every table row in a part of the page, tags removed. */
function tableRows(part: string): string[][] {
  return [...part.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      unescape(
        cell[1]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    ),
  );
}
function unescape(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  const alt = page.indexOf(`id="${id}"`);
  const from = start >= 0 ? start : alt;
  expect(from, `section ${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(from, page.indexOf('</section>', from));
}

describe('htmlReport', () => {
  it('stands alone: no script, no URL, no external resource', () => {
    expect(html).toMatch(/^<!doctype html>/);
    for (const forbidden of [
      '<script',
      'http:',
      'https:',
      'src=',
      '<link',
      '@import',
      'url(',
      '<iframe',
    ]) {
      expect(html.toLowerCase()).not.toContain(forbidden);
    }
  });

  it('writes every chart as well-formed SVG with a title and a description', () => {
    const charts = svgElements(html);
    expect(charts.length).toBeGreaterThan(5);
    for (const chart of charts) {
      expect(xmlProblems(chart)).toEqual([]);
      expect(chart).toMatch(
        /<title id="[^"]+-title">[^<]+<\/title>\s*<desc id="[^"]+-desc">[^<]+<\/desc>/,
      );
    }
  });

  it('gives every chart title and description an id of its own', () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('states what was audited and when, as given', () => {
    const header = html.slice(0, html.indexOf('id="significant"'));
    expect(header).toContain(GENERATED_AT);
    expect(header).toContain('<dt>Rows audited</dt><dd>120</dd>');
    expect(header).toContain('<dt>Rows skipped</dt><dd>1 (label_invalid 1;');
    expect(header).toContain('<code>s</code> &gt;= 0.5');
    expect(header).toContain('95% intervals; significant means q &lt;= 0.05');
    expect(header).toContain('<dt>Minimum sample</dt><dd>30 rows');
  });

  it('puts the significant disparities before the per-group metrics', () => {
    const significant = html.indexOf('id="significant"');
    expect(significant).toBeGreaterThan(0);
    expect(html.indexOf('id="groups"')).toBeGreaterThan(significant);
    expect(html.indexOf('id="excluded"')).toBeGreaterThan(html.indexOf('id="groups"'));
  });

  it('shows each significant difference with the JSON report interval, q-value and ratio bar', () => {
    const difference = withProbabilities.disparities.find(
      (d) => d.kind === 'reference_difference' && d.metric === 'selection_rate',
    )!;
    expect(difference.group).toEqual({ g: 'b' });
    const ratio = withProbabilities.disparities.find(
      (d) => d.test_id === difference.test_id && d.kind === 'reference_ratio',
    )!;
    const row = tableRows(section(html, 'significant')).find(
      (cells) => cells[0] === 'g selection_rate' && cells[1]!.startsWith('b (n 40) vs reference a'),
    );
    expect(row).toBeDefined();
    expect(row![2]).toBe(`${shown(difference.value)} ${shownInterval(difference.ci!)}`);
    expect(row![4]).toBe(`${shown(ratio.value)} ${shownInterval(ratio.ci!)}`);
    expect(row![7]).toBe(difference.q_value!.toExponential(1));
    const bars = section(html, 'significant').match(/<svg[^>]*class="chart interval-bar"/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(2);
  });

  it('tables every group with the JSON report values and intervals', () => {
    const rows = tableRows(section(html, 'groups'));
    const header = rows.find((r) => r[0] === 'group')!;
    expect(header).toEqual(
      expect.arrayContaining([
        'selection_rate',
        'tpr',
        'fpr',
        'ppv',
        'accuracy',
        'auc',
        'brier',
        'ece',
      ]),
    );
    for (const group of withProbabilities.groups) {
      const label = group.attributes.g!;
      const row = rows.find((r) => r[0]!.startsWith(label));
      expect(row, label).toBeDefined();
      expect(row![1]).toBe(String(group.n));
      for (const metric of [
        'selection_rate',
        'tpr',
        'fpr',
        'ppv',
        'accuracy',
        'auc',
        'brier',
      ] as const) {
        const value = group.metrics[metric];
        const cell = row![header.indexOf(metric)];
        expect(cell, `${label} ${metric}`).toBe(
          value.value === null
            ? `undefined (${value.reason ?? ''})`
            : `${shown(value.value)} ${value.ci ? shownInterval(value.ci) : ''}`.trim(),
        );
      }
    }
  });

  it('draws each group in the forest plot with its value, interval and n', () => {
    const a = withProbabilities.groups.find((g) => g.attributes.g === 'a')!;
    const selection = a.metrics.selection_rate;
    expect(section(html, 'groups')).toContain(
      `<title>a: selection_rate ${shown(selection.value!)} ${shownInterval(selection.ci!)}, n 40</title>`,
    );
  });

  it('writes an undefined rate out with its reason instead of drawing it', () => {
    const groups = section(html, 'groups');
    expect(groups).toContain(
      '<title>c: tpr undefined (no actual positives (tp + fn = 0)), n 35</title>',
    );
    expect(groups).toContain('>(no actual positives)</text>');
  });

  it('shows the group under the minimum sample, marked insufficient, in plot, table and exclusions', () => {
    const escaped = '&lt;b&gt;&amp;&quot;x&quot;';
    const groups = section(html, 'groups');
    // label, then n, then the flag, in the plot's row
    expect(groups).toMatch(
      new RegExp(
        `>${escaped}</text>\\s*<text[^>]*>5</text>\\s*<text[^>]*class="flag">insufficient</text>`,
      ),
    );
    const row = tableRows(groups).find((r) => r[0]!.startsWith(HOSTILE_GROUP));
    expect(row![0]).toBe(`${HOSTILE_GROUP} insufficient`);
    expect(section(html, 'excluded')).toContain(`g ${escaped} (n 5): fewer than 30 rows`);
  });

  it('escapes group names everywhere, in HTML and SVG', () => {
    expect(html).not.toContain(HOSTILE_GROUP);
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&quot;');
  });

  it("shows Fairlearn's summaries with the JSON report values, one column per attribute", () => {
    const rows = tableRows(section(html, 'summaries'));
    expect(rows[0]).toEqual(['summary', 'g']);
    const parity = withProbabilities.summary.g!.demographic_parity_difference;
    expect(rows).toContainEqual([
      'demographic_parity_difference',
      `${shown(parity.value!)} ${shownInterval(parity.ci!)}`,
    ]);
  });

  it('lists skipped rows with their line numbers and reasons', () => {
    const rows = tableRows(section(html, 'excluded'));
    expect(rows).toContainEqual(['line 122', withProbabilities.skipped[0]!.reason]);
  });

  it('draws reliability diagrams with ECE when scores are probabilities', () => {
    const calibration = section(html, 'calibration');
    const diagrams = calibration.match(/class="chart reliability"/g) ?? [];
    // overall plus the four groups
    expect(diagrams).toHaveLength(5);
    const a = withProbabilities.groups.find((g) => g.attributes.g === 'a')!;
    expect(calibration).toContain(`a: n 40, ECE ${shown(a.metrics.ece.value!)}`);
    const bin = a.calibration!.find((b) => b.n > 0)!;
    expect(calibration).toContain(
      `scores ${bin.low.toFixed(1)}-${bin.high.toFixed(1)}: mean score ${bin.mean_score!.toFixed(3)}, observed ${bin.observed_rate.value!.toFixed(3)}`,
    );
  });

  it('says why there is no reliability diagram when scores are not probabilities', () => {
    const page = htmlReport(withDeciles, { generatedAt: GENERATED_AT });
    expect(page).not.toContain('class="chart reliability"');
    expect(section(page, 'calibration')).toContain(
      'No reliability diagram: scores outside [0, 1] are not probabilities.',
    );
    const header = tableRows(section(page, 'groups')).find((r) => r[0] === 'group')!;
    expect(header).toContain('auc');
    expect(header).not.toContain('brier');
  });

  it('has no calibration section and no score columns without scores', () => {
    const page = htmlReport(withoutScores, { generatedAt: GENERATED_AT });
    expect(page).not.toContain('id="calibration"');
    expect(page).not.toContain('class="chart reliability"');
    const header = tableRows(section(page, 'groups')).find((r) => r[0] === 'group')!;
    expect(header).not.toContain('auc');
    expect(page).toContain('<code>d</code>');
  });

  it('says so when nothing is significant', () => {
    const page = htmlReport(
      {
        ...withProbabilities,
        disparities: withProbabilities.disparities.map((d) => ({ ...d, q_value: 1 })),
      },
      { generatedAt: GENERATED_AT },
    );
    expect(section(page, 'significant')).toContain('None: no difference between groups');
    expect(page).toContain('No significant disparity');
  });

  it('names a group by its value alone, an intersection by every attribute', () => {
    expect(groupLabel({ race: 'Asian' })).toBe('Asian');
    expect(groupLabel({ race: 'Asian', sex: null })).toBe('race=Asian, sex=(missing)');
  });
});
