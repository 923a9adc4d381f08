"""Where the canary's evidence crosses e-BH's cut on its mean path (issue 3), with scipy.

The affected comparison (v2 s02 against v2 s01, FPR 0.20 against 0.10, band +-0.05) after N
affected predictions: n1 = 0.7 (N - 300) labelled negatives in s02 (300 = 1 prediction/s times
the 5 min mean label delay still waiting), n2 = 1.25 n1 in s01; the gap's variance
p1 q1 / n1 + p2 q2 / n2, V = 1 / variance, S = (gap - 0.05) V at the true gap. Printed: the N
at which log E(S, V) reaches log(m / alpha) for
  - the one-sided normal mixture with the SLO's planned rho and with the former one;
  - a likelihood ratio tuned to exactly the true distance past the edge, exp(d S - d^2 V / 2) with
    d = 0.05: no usable design (it needs the effect in advance, and never detects a distance
    below d / 2), but the least N any e-value built this way can need at that cut;
  - a fixed-sample one-sided z test at level alpha / m (not valid under repeated looks).
First passages of the noisy path come earlier or later; canaryDelayModel.mjs has those.
Run: /usr/bin/python3 scripts/bench/canaryMeanPath.py (Debian's python3-scipy).
"""

import math

from scipy import optimize, special, stats

ALPHA, COMPARISONS, EDGE, GAP = 0.01, 38, 0.05, 0.10
P1, P2, RATIO, LAG, NEGATIVES = 0.20, 0.10, 1.25, 300, 0.7
PLANNED_V = 25 * 100 / (2 * 0.16)


def log_mixture(s, v, rho):
    a = v + rho
    z = s / math.sqrt(a)
    return math.log(2) + 0.5 * math.log(rho / a) + z * z / 2 + special.log_ndtr(z)


def boundary(v, rho, level):
    return optimize.brentq(lambda s: log_mixture(s, v, rho) - level, -1e6, 1e7, xtol=1e-12)


def optimal_rho(v_star, level):
    best = optimize.minimize_scalar(
        lambda r: boundary(1.0, math.exp(r), level), bounds=(-30, 30), method="bounded"
    )
    return v_star * math.exp(best.x)


def intrinsic_time(n):
    n1 = NEGATIVES * (n - LAG)
    return 1 / (P1 * (1 - P1) / n1 + P2 * (1 - P2) / (RATIO * n1))


def crossing(log_e, level):
    return optimize.brentq(
        lambda n: log_e((GAP - EDGE) * intrinsic_time(n), intrinsic_time(n)) - level,
        LAG + 1,
        1e7,
    )


level = math.log(COMPARISONS / ALPHA)
rows = {
    "mixture, rho planned for 20 comparisons": optimal_rho(PLANNED_V, math.log(20 / ALPHA)),
    "mixture, former rho (log(1 / alpha))": optimal_rho(PLANNED_V, math.log(1 / ALPHA)),
}
print(f"cut log(m / alpha) = {level:.3f} (m = {COMPARISONS}, alpha = {ALPHA})")
for name, rho in rows.items():
    n = crossing(lambda s, v, rho=rho: log_mixture(s, v, rho), level)
    print(f"{name:45s} rho {rho:8.1f}  N = {n:6.0f}")
d = GAP - EDGE
n = crossing(lambda s, v: d * s - d * d * v / 2, level)
print(f"{'likelihood ratio tuned to the true distance':45s} {'':13s} N = {n:6.0f}")
z = stats.norm.isf(ALPHA / COMPARISONS)
n = optimize.brentq(lambda n: d * math.sqrt(intrinsic_time(n)) - z, LAG + 1, 1e7)
print(f"{'fixed-sample z test at alpha / m (yardstick)':45s} {'':13s} N = {n:6.0f}")
for m in (1, 19):
    rho = rows["mixture, rho planned for 20 comparisons"]
    n = crossing(lambda s, v: log_mixture(s, v, rho), math.log(m / ALPHA))
    print(f"{f'mixture (planned rho), cut log({m} / alpha)':45s} {'':13s} N = {n:6.0f}")
