import { eBenjaminiHochberg } from '@fairwatch/core';
import type { ComparisonEvidence } from './sloComparisons.js';

/**
 * Which of one SLO's comparisons (across all its versions) are in breach: those e-BH (Wang &
 * Ramdas 2022) selects at level `falseAlarmRate` from the comparisons that have evidence, i.e.
 * where both groups hold the SLO's minimum samples over the window. Returned in input order.
 *
 * The family is m = the comparisons with evidence, not every comparison listed: one below its
 * minimum samples has no eligible window start (its log E is -Infinity, it can never be
 * rejected), and counting it would only raise the cut m / (alpha k) for the others. Leaving it
 * out is valid because the choice depends on sample sizes alone (the metric's denominators),
 * never on the numerators the null hypotheses are about: with the outcomes Bernoulli given the
 * sample sizes (gapEvidence's assumption), each e-value keeps its property conditionally on the
 * sample sizes, so e-BH over the comparisons selected by them controls what e-BH over a fixed
 * family controls. It matters where many cohorts are small (intersections): they no longer
 * dilute the evidence of the cohorts that have data.
 */
export function sloBreaches(
  evidence: readonly ComparisonEvidence[],
  falseAlarmRate: number,
): boolean[] {
  const family = evidence.flatMap((e, at) => (e.sufficient ? [at] : []));
  const rejected = eBenjaminiHochberg(
    family.map((at) => evidence[at]!.change.logEValue),
    falseAlarmRate,
  ).rejected;
  const breached = evidence.map(() => false);
  for (const position of rejected) breached[family[position]!] = true;
  return breached;
}
