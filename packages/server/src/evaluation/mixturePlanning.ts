import type { DisparityKind, RateMetricName, SloConfig } from '@fairwatch/contracts';
import { mixturePrecisionFor } from '@fairwatch/core';

/**
 * The planned sample size, per group, at which the mixture boundary is tightest, as a multiple
 * of the SLO's minimum samples: the evidence is sharpest around the sample sizes at which a
 * real breach of the band is expected to become visible.
 */
const PLANNED_SAMPLES_PER_MINIMUM = 25;

/**
 * The family size the mixture is planned for. The first alarm in a family of m comparisons
 * needs log E >= log(m / alpha) (e-BH's cut for one rejection), not log(1 / alpha). The optimal
 * rho / V* falls only slowly as that threshold grows, so one planning value serves families from
 * a handful to hundreds of comparisons: in the canary model (scripts/bench/canaryDelayModel.mjs,
 * a family of 38, 1,000 replications on the same seeds) the median delay planned for 1, 5, 20, 38
 * and 100 comparisons was 2,722, 2,675, 2,659, 2,658 and 2,656 affected predictions. It is a
 * constant, not the family size of the moment, so that rho is fixed by the configuration and
 * each E(s, .) stays one mixture martingale however versions and groups come and go.
 */
const PLANNED_COMPARISONS = 20;

/**
 * The rate each metric is planned at, for the variance of one trial: error rates near 0.2,
 * their complements near 0.8, and 0.5 (no prior) for selection rate and prevalence. The
 * difference scale's p(1 - p) barely moves over such rates; the log-ratio scale's (1 - p) / p
 * moves sixteenfold between 0.2 and 0.8, which is why a ratio SLO needs its metric's rate.
 */
const PLANNED_RATE: Readonly<Record<RateMetricName, number>> = {
  fpr: 0.2,
  fnr: 0.2,
  fdr: 0.2,
  for: 0.2,
  tpr: 0.8,
  tnr: 0.8,
  ppv: 0.8,
  npv: 0.8,
  accuracy: 0.8,
  selection_rate: 0.5,
  prevalence: 0.5,
};

/**
 * The planned intrinsic time V* = 1 / (variance of the gap estimate) with `trialsPerGroup` trials
 * in each group at the planned rate p of both, on the SLO's analysis scale: 2 p (1 - p) / n for a
 * difference, 2 (1 - p) / (n p) for a ratio (the delta-method variance of log(p1 / p2)).
 */
export function plannedIntrinsicTime(
  kind: DisparityKind,
  metric: RateMetricName,
  trialsPerGroup: number,
): number {
  const p = PLANNED_RATE[metric];
  const trialVariance = kind === 'ratio' ? (1 - p) / p : p * (1 - p);
  return trialsPerGroup / (2 * trialVariance);
}

/**
 * The SLO's mixing precision rho ({@link mixturePrecisionFor}): the one that makes the boundary
 * tightest at the planned intrinsic time, for the threshold of a first alarm in a family of
 * {@link PLANNED_COMPARISONS}, log(PLANNED_COMPARISONS / false_alarm_rate).
 *
 * rho depends on the configuration alone. That is what validity needs: any fixed rho gives a
 * normal-mixture e-process (Ville's inequality holds for each), and planning only decides at
 * which sample sizes and effect sizes the evidence is strongest. A rho that followed the data
 * (the current family size, the observed rates) would switch between mixtures over a start's
 * life, and the switched process is not a martingale.
 */
export function plannedMixturePrecision(slo: SloConfig): number {
  const vStar = plannedIntrinsicTime(
    slo.kind,
    slo.metric,
    PLANNED_SAMPLES_PER_MINIMUM * slo.minSamples,
  );
  return mixturePrecisionFor(vStar, Math.log(PLANNED_COMPARISONS / slo.falseAlarmRate));
}
