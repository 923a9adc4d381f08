export { logNormalCdf } from './logNormalCdf.js';
export { logMixtureEValue, mixtureBoundary, mixturePrecisionFor } from './mixtureEValue.js';
export { gapEvidence } from './gapEvidence.js';
export type {
  GapBand,
  GapDirection,
  GapEvidence,
  GapEvidenceOptions,
  GapKind,
} from './gapEvidence.js';
export { detectGapChange } from './changeDetector.js';
export type { BucketPrefixSums, ChangeDetectorOptions, GapChange } from './changeDetector.js';
export { eBenjaminiHochberg } from './eBenjaminiHochberg.js';
export type { EBenjaminiHochbergResult } from './eBenjaminiHochberg.js';
