/**
 * The labelled negatives of one simulated group, for the detection models
 * (canaryDelayModel.mjs, nullPageModel.mjs): predictions arrive as a Poisson process of
 * `negativesPerSecond` negatives over `durationS` seconds, each a false positive with
 * probability `fpr`, its label arriving after an exponential delay of mean `meanDelayS` (0: at
 * once). Returned as [labelTime, minuteBucket, falsePositive], in label-time order.
 */
export function labelledNegatives(random, { negativesPerSecond, fpr, durationS, meanDelayS }) {
  const out = [];
  let t = 0;
  for (;;) {
    t -= Math.log(1 - random()) / negativesPerSecond;
    if (t > durationS) break;
    const delay = meanDelayS > 0 ? -meanDelayS * Math.log(1 - random()) : 0;
    out.push([t + delay, Math.floor(t / 60), random() < fpr ? 1 : 0]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}
