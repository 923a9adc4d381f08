/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Charts never
 * rely on colour alone: every status also has a word, and lines have labels.
 */
export const SERIES_COLOURS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** Risk status colours, from no evidence of a disparity to an SLO breach. */
export const STATUS_COLOURS = {
  ok: '#d9ecf7',
  watch: '#f6c27a',
  breach: '#d55e00',
  nodata: '#eeeeee',
} as const;
export type RiskStatus = keyof typeof STATUS_COLOURS;

export const STATUS_TEXT: Record<RiskStatus, string> = {
  ok: 'no significant disparity',
  watch: 'significant, inside the band',
  breach: 'interval outside the band',
  nodata: 'not enough data',
};
