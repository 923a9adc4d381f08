import type { GapKind } from './gapEvidence.js';

/**
 * The variance of the gap estimate on the analysis scale evaluated at the null boundary "the gap
 * equals `edge`", as a score test evaluates it: at the restricted maximum-likelihood proportions
 * (p1~, p2~) of the two binomial samples under the constraint p1 - p2 = edge (a difference) or
 * log(p1 / p2) = edge (a ratio, `edge` on the log scale):
 *
 * - difference: p1~ q1~ / n1 + p2~ q2~ / n2, with (p1~, p2~) the closed-form root of the
 *   likelihood cubic (Farrington & Manning 1990, "Test statistics and sample size formulae for
 *   comparative binomial trials with null hypothesis of non-zero risk difference or non-unity
 *   relative risk", Stat. Med. 9:1447-1454; Miettinen & Nurminen 1985);
 * - ratio R = exp(edge): p2~ the smaller root of R N p^2 - (R n1 + x1 + n2 + R x2) p + (x1 + x2)
 *   = 0 (N = n1 + n2), p1~ = R p2~, and the delta-method variance of log(p1 / p2) there,
 *   q1~ / (n1 p1~) + q2~ / (n2 p2~).
 *
 * Why: the plug-in (Wald) variance uses the observed proportions, and a small group whose
 * observed rate happens to be far from its true one (1 false positive in 100 negatives when the
 * rate is 0.10) understates its own variance; the restricted estimate pools both groups' data
 * under the null and is not fooled by that. Under the boundary null both variances converge to
 * the same value.
 *
 * Returns NaN when the edge lies outside the parameter space (a difference edge outside (-1, 1),
 * an infinite edge), and for a ratio when neither group has a success (the restricted
 * proportions are then 0, where the log scale has no finite variance), so that a caller taking the larger of this and the plug-in keeps the
 * plug-in. Counts may be non-integer. No allocation.
 */
export function nullBoundaryVariance(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  kind: GapKind,
  edge: number,
): number {
  if (!Number.isFinite(edge)) return Number.NaN;
  if (kind === 'ratio') {
    if (!(x1 + x2 > 0)) return Number.NaN;
    const r = Math.exp(edge);
    const a = r * (n1 + n2);
    const b = -(r * n1 + x1 + n2 + r * x2);
    const c = x1 + x2;
    // The smaller root, written to avoid cancellation: 2c / (-b + sqrt(b^2 - 4ac)).
    const root = Math.sqrt(Math.max(0, b * b - 4 * a * c));
    const p2 = (2 * c) / (-b + root);
    const p1 = r * p2;
    return (1 - p1) / (n1 * p1) + (1 - p2) / (n2 * p2);
  }
  if (!(edge > -1 && edge < 1)) return Number.NaN;
  const p1Hat = x1 / n1;
  const p2Hat = x2 / n2;
  const theta = n2 / n1;
  const a = 1 + theta;
  const b = -(1 + theta + p1Hat + theta * p2Hat + edge * (theta + 2));
  const c = edge * edge + edge * (2 * p1Hat + theta + 1) + p1Hat + theta * p2Hat;
  const d = -p1Hat * edge * (1 + edge);
  const v = (b * b * b) / (27 * a * a * a) - (b * c) / (6 * a * a) + d / (2 * a);
  const u = Math.sign(v) * Math.sqrt(Math.max(0, (b * b) / (9 * a * a) - c / (3 * a)));
  // u = 0 only when v = 0 (a triple root); acos(0) is then the limit of the trigonometric form.
  const cosine = u === 0 ? 0 : Math.min(1, Math.max(-1, v / (u * u * u)));
  const w = (Math.PI + Math.acos(cosine)) / 3;
  const p1 = clampUnit(2 * u * Math.cos(w) - b / (3 * a));
  const p2 = clampUnit(p1 - edge);
  return (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
}

function clampUnit(p: number): number {
  return Math.min(1, Math.max(0, p));
}
