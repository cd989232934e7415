/**
 * The one check of a profile a client names (`profile` of a query). Adapters pass what they were given;
 * the service layer validates it here, once, before any cache or engine sees it.
 */
import { PROFILES, type Profile } from '../engine/index.js';
import { AppError } from '../errors/appError.js';

export function parseProfile(value: string | undefined): Profile | undefined {
  if (value === undefined) return undefined;
  const profile = PROFILES.find((p) => p === value);
  if (profile === undefined) {
    throw new AppError(
      'INVALID_PROFILE',
      `Unknown profile "${value}"; expected one of ${PROFILES.join(', ')}.`,
      {
        profiles: PROFILES,
      },
    );
  }
  return profile;
}
