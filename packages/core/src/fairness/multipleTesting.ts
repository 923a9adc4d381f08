import { benjaminiHochberg } from '../inference/index.js';
import type { Disparity } from './disparities.js';

/**
 * Fills in q-values: Benjamini-Hochberg over every distinct test of the audit. The difference
 * and ratio rows of one comparison rest on one test and count once.
 */
export function adjustForMultipleTests(disparities: readonly Disparity[]): Disparity[] {
  const pByTest = new Map<string, number>();
  for (const d of disparities) pByTest.set(d.test_id, d.p_value);
  const ids = [...pByTest.keys()];
  const q = benjaminiHochberg(ids.map((id) => pByTest.get(id)!));
  const qByTest = new Map(ids.map((id, i) => [id, q[i]!]));
  return disparities.map((d) => ({ ...d, q_value: qByTest.get(d.test_id) ?? null }));
}
