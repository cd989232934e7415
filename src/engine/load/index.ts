/**
 * The load model's public surface (spillover README, "Load, capacity and overload"): what load does to
 * endpoints whose placement Envoy and ztunnel decided on health alone.
 */
export { isValidLoadFactor, NOMINAL_LOAD_FACTOR } from './loadFactor.js';
export { pathLoads } from './pathLoads.js';
export type { HopLoad, LoadInputs } from './pathLoads.js';
export { autoscalerCapacity, autoscalerOutlook } from './autoscalerCapacity.js';
export { runOverloadCascade } from './overloadCascade.js';
export type { CascadeRun, OverloadSpec } from './overloadCascade.js';
export { smallestLoadFactor } from './headroom.js';
export { SUGGESTED_OVERFLOW_SHARE } from './circuitBreakers.js';
