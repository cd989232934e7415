/**
 * The part of what a failing endpoint receives that fails, as the answer shows it
 * (`EndpointShare.failingPercent`): only on an endpoint that fails in part, an east-west gateway with some
 * failing endpoints behind it (`gatewayFailures.ts`).
 */
import type { HopPlacement } from '../spillover/index.js';
import { roundPercent } from './presentPercent.js';

/** @example failingPercent(placementWithGatewayAtHalf, 3) // → 50 */
export function failingPercent(
  placement: Pick<HopPlacement, 'failing' | 'failingFraction'>,
  i: number,
): number | undefined {
  const f = placement.failingFraction?.[i];
  if (f === undefined || placement.failing[i] !== 1 || f >= 1) return undefined;
  return roundPercent(100 * f);
}
