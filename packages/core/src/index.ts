export type {
  Interval,
  TestResult,
  ProportionComparison,
  HomogeneityResult,
  AucEstimate,
} from './inference/index.js';
export {
  normalCdf,
  normalSurvival,
  normalQuantile,
  twoSidedZ,
  chiSquareSurvival,
  wilsonInterval,
  newcombeDifferenceInterval,
  logRatioInterval,
  twoProportionZTest,
  fisherExactTest,
  compareProportions,
  chiSquareHomogeneityTest,
  benjaminiHochberg,
  binnedAuc,
  aucInterval,
} from './inference/index.js';

export type { ConfusionCounts, Quadrant } from './statistics/confusionCounts.js';
export { totalCount, effectiveBinomial } from './statistics/confusionCounts.js';
export type { ScoreDistribution } from './statistics/scoreDistribution.js';
export { SCORE_BINS_PER_UNIT, CALIBRATION_BINS } from './statistics/scoreDistribution.js';
export type { EqualWidthHistogram } from './statistics/equalWidthHistogram.js';
export {
  equalWidthHistogram,
  equalWidthEdges,
  countInto,
} from './statistics/equalWidthHistogram.js';
export type {
  CellBatch,
  CellStatisticsOptions,
  CellStatisticsSnapshot,
} from './statistics/cellStatistics.js';
export { CellStatistics } from './statistics/cellStatistics.js';

export type { MetricName, RateMetric } from './metrics/metricNames.js';
export { METRICS, RATE_METRICS, SCORE_METRICS } from './metrics/metricNames.js';
export type { MetricValue } from './metrics/metricValue.js';
export type { GroupMetrics, GroupEvaluation, CalibrationBin } from './metrics/groupMetrics.js';
export { evaluateGroup, rateMetric } from './metrics/groupMetrics.js';

export type { AttributeValue, Cohort, CohortGroup } from './fairness/cohorts.js';
export { cohortsOf, groupsOf, describeGroup, INTERSECTION_SEPARATOR } from './fairness/cohorts.js';
export type {
  Comparison,
  Disparity,
  DisparityKind,
  DisparityGroup,
  Exclusion,
} from './fairness/disparities.js';
export { cohortDisparities, FOUR_FIFTHS_BAND } from './fairness/disparities.js';
export { adjustForMultipleTests } from './fairness/multipleTesting.js';
export type { Summary, SummaryName, SummaryValue } from './fairness/summaries.js';
export { summarize, SUMMARY_NAMES } from './fairness/summaries.js';

export type { AuditSettings, AuditFindings, GroupReport } from './audit/auditFindings.js';
export { auditFindings, UnknownReferenceError } from './audit/auditFindings.js';

export type {
  GapBand,
  GapDirection,
  GapEvidence,
  GapEvidenceOptions,
  GapKind,
  BucketPrefixSums,
  ChangeDetectorOptions,
  GapChange,
  EBenjaminiHochbergResult,
} from './monitoring/index.js';
export {
  logNormalCdf,
  logMixtureEValue,
  mixtureBoundary,
  mixturePrecisionFor,
  gapEvidence,
  detectGapChange,
  eBenjaminiHochberg,
} from './monitoring/index.js';
