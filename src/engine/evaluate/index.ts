/**
 * Composes resolver output and the spillover model into the public answers (effective policy, whatIf,
 * load sweep).
 */
export { composeInSeries } from './composeHops.js';
export { computeHopTraffic } from './computeHopTraffic.js';
export type { HopTraffic } from './computeHopTraffic.js';
export { evaluateEffectivePolicy } from './evaluateEffectivePolicy.js';
export { evaluateSweep } from './evaluateSweep.js';
export { evaluateWhatIf } from './evaluateWhatIf.js';
export { LOAD_MODEL_NOTES } from './loadModelNotes.js';
export {
  MAX_SWEEP_POINTS,
  sweepLoadFactors,
  sweepPointCount,
  validateSweepLoadFactors,
} from './sweepLoadFactors.js';
export type { EvaluateOptions } from './scenarioTraffic.js';
export { validateScenario } from './validateScenario.js';
export type { ValidScenario } from './validateScenario.js';
