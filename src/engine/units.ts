/**
 * Unit conversions the engine shares. Defaults live in `envoyDefaults.ts`; these are arithmetic facts.
 */

export const MS_PER_SECOND = 1000;
