/**
 * Constants of the spillover model that are not upstream defaults (those live in `../envoyDefaults.ts`).
 */

/** Loads and health scores are integer percents that always sum to this (`distributeLoad`). */
export const FULL_LOAD_PERCENT = 100;

/** `createWithPicks` caps emulated picks at UINT32_MAX / 10 (edf_scheduler.h). */
export const EDF_MAX_EMULATED_PICKS = 429_496_729;
/** `createWithPicks` adds this to every initial weight so multiples of each other stay exact. */
export const EDF_INITIAL_WEIGHT_EPSILON = 1e-13;

/** The HTTP status a scenario's failing endpoint answers with: a connect failure maps to 503 in Envoy. */
export const SCENARIO_FAILURE_HTTP_STATUS = 503;
