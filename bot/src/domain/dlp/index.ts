export * from './rules.js';
export { evaluateDlp } from './evaluate.js';
export { redactForDisplay } from './display.js';
export { evaluateDlpMessage, type DlpMessageDecision } from './message.js';
export { compileDlpPolicy, type CompiledDlpRule, type DlpPolicy } from './policy.js';
export { validateDlpRule, type DlpRuleField, type DlpRuleValidation } from './validate.js';
export {
  DETECTORS,
  DETECTOR_NOUNS,
  isNinoPrefix,
  isPaymentCardNumber,
  isUsSsn,
  luhnValid,
} from './detectors/index.js';
export type { Detector, DetectorHit } from './detectors/index.js';
