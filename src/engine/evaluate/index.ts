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
  endpointInLocality,
  endpointMatchesReference,
  localityMatcher,
  referenceMatcher,
} from './matchEndpoints.js';
export {
  ANSWER_PERCENT_DECIMALS,
  apportionPercents,
  apportionPercentsInto,
  roundPercent,
} from './presentPercent.js';
export { scenarioPlacements } from './scenarioTraffic.js';
export { MAX_SWEEP_POINTS, sweepLoadFactors, validateSweepLoadFactors } from './sweepLoadFactors.js';
export type { EvaluateOptions, ScenarioPlacements } from './scenarioTraffic.js';
export { placementToHop } from './toHop.js';
export { isValidLocalitySelector, validateLoadFactor, validateScenario } from './validateScenario.js';
export type { ValidScenario } from './validateScenario.js';
