/**
 * How a label or prediction cell becomes 0 or 1. By default 1/true/yes/y/t are positive and
 * 0/false/no/n/f negative (case-insensitive, any number equal to 1 or 0 too); anything else is
 * rejected. With `--positive V...`, the given values are positive and every other value is
 * negative, as with scikit-learn's `pos_label`.
 */
const DEFAULT_POSITIVE = new Set(['1', 'true', 'yes', 'y', 't']);
const DEFAULT_NEGATIVE = new Set(['0', 'false', 'no', 'n', 'f']);

/** 1, 0, or null when the text is not a recognised value. */
export function binaryValue(text: string, positive: readonly string[]): 0 | 1 | null {
  const trimmed = text.trim();
  if (positive.length > 0) return positive.includes(trimmed) ? 1 : 0;
  const lower = trimmed.toLowerCase();
  if (DEFAULT_POSITIVE.has(lower)) return 1;
  if (DEFAULT_NEGATIVE.has(lower)) return 0;
  if (trimmed !== '') {
    const number = Number(trimmed);
    if (number === 1) return 1;
    if (number === 0) return 0;
  }
  return null;
}

export function describeBinaryDomain(positive: readonly string[]): string {
  return positive.length > 0
    ? `positive is ${positive.map((p) => `'${p}'`).join(' or ')}, anything else negative`
    : 'expected 1/true/yes or 0/false/no';
}
