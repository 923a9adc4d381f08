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
