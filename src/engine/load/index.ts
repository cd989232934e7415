/**
 * The load model's public surface (see the spillover README, "Load, capacity and overload"): what load
 * does to endpoints whose placement Envoy and ztunnel decided on health alone.
 */
export { isValidLoadFactor, NOMINAL_LOAD_FACTOR } from './loadFactor.js';
