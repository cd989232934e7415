/**
 * Composes resolver output and the spillover model into the public answers (effective policy, whatIf,
 * load sweep).
 */
export { composeInSeries } from './composeHops.js';
export { evaluateEffectivePolicy } from './evaluateEffectivePolicy.js';
export { evaluateSweep } from './evaluateSweep.js';
export { evaluateWhatIf } from './evaluateWhatIf.js';
export { LOAD_MODEL_NOTES } from './loadModelNotes.js';
export { endpointInLocality, endpointMatchesReference, localityMatcher } from './matchEndpoints.js';
export { ANSWER_PERCENT_DECIMALS, apportionPercents, roundPercent } from './presentPercent.js';
export { scenarioTraffic } from './scenarioTraffic.js';
export type { EvaluateOptions, ScenarioTraffic } from './scenarioTraffic.js';
export { toHop } from './toHop.js';
export { isValidLocalitySelector, validateLoadFactor, validateScenario } from './validateScenario.js';
export type { ValidScenario } from './validateScenario.js';
