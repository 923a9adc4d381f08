export type { AlertState, Severity, DeploymentRecord, AlertGroupSample, Alert } from './alert.js';

export type {
  PredictionEvent,
  OutcomeEvent,
  DeploymentEvent,
  DeploymentKind,
} from './events/eventTypes.js';
export { DEPLOYMENT_KINDS } from './events/eventTypes.js';
export type { Checked } from './events/eventFields.js';
export {
  validatePrediction,
  validateOutcome,
  validateDeployment,
} from './events/validateEvents.js';

export type {
  ServiceConfig,
  ServerConfig,
  ListenAddress,
  RetentionConfig,
  PrivacyConfig,
  ModelConfig,
  SloConfig,
  BurnRateRule,
  ReceiverConfig,
  WebhookReceiverConfig,
  AlertmanagerReceiverConfig,
  AlertingConfig,
  RateMetricName,
  DisparityKind,
  Comparison,
  ReceiverType,
} from './config/serviceConfig.js';
export {
  RATE_METRIC_NAMES,
  DISPARITY_KINDS,
  COMPARISONS,
  SEVERITIES,
  RECEIVER_TYPES,
} from './config/serviceConfig.js';
export type { ConfigIssue, ConfigIssueCode, ConfigPathSegment } from './config/configIssue.js';
export { formatConfigIssues, formatConfigPath, parseConfigPath } from './config/configIssue.js';
export { parseDuration, formatDuration } from './config/duration.js';
export {
  CONFIG_DEFAULTS,
  DEFAULT_BURN_RATE_RULES,
  defaultPublicUrl,
} from './config/configDefaults.js';
export type { ConfigValidation, ValidateConfigOptions } from './config/validateConfig.js';
export type { ConfigEnv } from './config/validateReceivers.js';
export { validateConfig } from './config/validateConfig.js';
