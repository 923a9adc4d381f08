import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, formatRoute, parseRoute } from '../src/app/route.js';

describe('dashboard routes', () => {
  it('reads the view, model, attribute, version, metric, window and cohort from the hash', () => {
    const route = parseRoute(
      '#/oncall?model=loans&attribute=segment&version=v2&metric=fpr&window=6h&cohort.segment=s02',
    );
    expect(route).toEqual({
      view: 'oncall',
      model: 'loans',
      attribute: 'segment',
      version: 'v2',
      metric: 'fpr',
      window: '6h',
      cohort: { segment: 's02' },
    });
  });

  it('round-trips a route with an intersection cohort and characters that need encoding', () => {
    const route = {
      ...DEFAULT_ROUTE,
      view: 'debug' as const,
      model: 'credit & risk',
      attribute: 'race&sex',
      cohort: { race: 'Black or African American', sex: 'F' },
    };
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('opens the executive view for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual(DEFAULT_ROUTE);
    expect(parseRoute('#/nowhere?model=')).toEqual(DEFAULT_ROUTE);
  });

  it('reads links of the form #/models/{model} as the on-call view of that model', () => {
    const route = parseRoute('#/models/loans?attribute=segment&version=v2');
    expect(route.view).toBe('oncall');
    expect(route.model).toBe('loans');
    expect(route.version).toBe('v2');
  });
});
