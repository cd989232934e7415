/**
 * The load factor: offered load relative to nominal. It never enters placement (Envoy's priority load
 * and ztunnel's choice depend on health only); it scales the requests each endpoint receives, which the
 * capacity model (`endpointUtilization.ts`) and the circuit breakers (`circuitBreakers.ts`) read.
 */

/** The load factor of the snapshot as it is: nominal demand. */
export const NOMINAL_LOAD_FACTOR = 1;

/** Load factors must be positive and finite; the evaluate layer turns a false here into INVALID_SCENARIO. */
export function isValidLoadFactor(loadFactor: number): boolean {
  return Number.isFinite(loadFactor) && loadFactor > 0;
}
