/** A group of an attribute and the fraction of traffic it gets. */
export interface GroupShare {
  readonly group: string;
  readonly share: number;
}

/**
 * The `segment` attribute's 20 groups: s01 25%, s02 20%, and 18 smaller groups sharing the
 * remaining 55% unevenly, none below 1%.
 */
export const SEGMENT_SHARES: readonly GroupShare[] = shares([
  0.25, 0.2, 0.09, 0.06, 0.05, 0.045, 0.04, 0.035, 0.03, 0.03, 0.025, 0.025, 0.02, 0.02, 0.015,
  0.015, 0.015, 0.015, 0.01, 0.01,
]);

/** As {@link SEGMENT_SHARES} but s20 is rare (0.2%); the 0.8% it gives up goes to s03 (9.8%). */
export const SMALL_COHORT_SEGMENT_SHARES: readonly GroupShare[] = shares([
  0.25, 0.2, 0.098, 0.06, 0.05, 0.045, 0.04, 0.035, 0.03, 0.03, 0.025, 0.025, 0.02, 0.02, 0.015,
  0.015, 0.015, 0.015, 0.01, 0.002,
]);

/** The `sex` attribute, drawn independently of the segment so every intersection occurs. */
export const SEX_SHARES: readonly GroupShare[] = [
  { group: 'F', share: 0.5 },
  { group: 'M', share: 0.5 },
];

/**
 * The group a uniform draw u in [0, 1) falls in, walking the cumulative shares; the last group
 * takes whatever rounding leaves above the cumulative sum.
 */
export function pickGroup(shares: readonly GroupShare[], u: number): string {
  let rest = u;
  for (const { group, share } of shares) {
    if (rest < share) return group;
    rest -= share;
  }
  return shares[shares.length - 1]!.group;
}

function shares(fractions: readonly number[]): GroupShare[] {
  return fractions.map((share, i) => ({ group: `s${String(i + 1).padStart(2, '0')}`, share }));
}
