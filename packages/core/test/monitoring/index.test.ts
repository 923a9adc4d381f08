import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as monitoring from '../../src/monitoring/index.js';

const PUBLIC_NAMES = [
  'detectGapChange',
  'eBenjaminiHochberg',
  'gapEvidence',
  'logMixtureEValue',
  'logNormalCdf',
  'mixtureBoundary',
  'mixturePrecisionFor',
];

describe('monitoring public surface', () => {
  it('exports exactly the documented functions, and the package index re-exports them', () => {
    expect(Object.keys(monitoring).sort()).toEqual(PUBLIC_NAMES);
    const exported: Record<string, unknown> = core;
    for (const name of PUBLIC_NAMES) expect(exported[name], name).toBeTypeOf('function');
  });
});
