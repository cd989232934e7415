/**
 * Constants of the spillover model that are not upstream defaults (those live in `../envoyDefaults.ts`).
 */

/** Loads and health scores are integer percents that always sum to this (`distributeLoad`). */
export const FULL_LOAD_PERCENT = 100;

/** The HTTP status a scenario's failing endpoint answers with: a connect failure maps to 503 in Envoy. */
export const SCENARIO_FAILURE_HTTP_STATUS = 503;
