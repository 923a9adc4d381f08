import { describe, expect, it } from 'vitest';
import { dashboardLink } from '../../src/alerting/alertView.js';
import { parseRoute } from '../../../web/src/app/route.js';

describe("an alert's dashboard link", () => {
  it('opens the on-call view of exactly its model, attribute, version, metric and cohort', () => {
    const link = dashboardLink(
      'https://fairwatch.example',
      { model: 'loans', attribute: 'segment&sex', metric: 'fpr' },
      'v2',
      { segment: 's02', sex: 'F & M?' },
    );
    expect(link.startsWith('https://fairwatch.example/#/oncall?')).toBe(true);
    const route = parseRoute(new URL(link).hash);
    expect(route).toMatchObject({
      view: 'oncall',
      model: 'loans',
      attribute: 'segment&sex',
      version: 'v2',
      metric: 'fpr',
      cohort: { segment: 's02', sex: 'F & M?' },
    });
  });

  it('leaves out a missing attribute value, which no cohort selector can name', () => {
    const link = dashboardLink('http://x', { model: 'm', attribute: 'race', metric: 'tpr' }, 'v1', {
      race: null,
    });
    expect(parseRoute(new URL(link).hash).cohort).toEqual({});
  });
});
