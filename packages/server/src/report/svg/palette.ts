/**
 * Okabe & Ito's colour-blind safe palette, chosen so that every pair of roles also differs in
 * lightness (black, blue, vermillion, grey) and survives greyscale printing; shape and fill
 * (filled vs hollow markers, solid vs dashed lines) carry the meaning as well, never colour
 * alone.
 */
export const PALETTE = {
  ink: '#000000',
  blue: '#0072B2',
  vermillion: '#D55E00',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  /** Axes, grid and muted text: dark enough to stay visible when printed in grey. */
  grey: '#6b6b6b',
  lightGrey: '#d9d9d9',
  /** The allowed band behind an interval bar. */
  band: '#e8f1f8',
} as const;
