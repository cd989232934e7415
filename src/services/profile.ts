/**
 * The one check of a profile a client names in a question (`profile` of a query). Adapters pass what they
 * were given; the service layer validates it here, once, before any cache or engine sees it. (An upload's
 * profile is checked with the upload's other parameters, `src/ingest/uploadParams.ts`.)
 */
import { isProfile, PROFILES, type Profile } from '../engine/index.js';
import { AppError } from '../errors/appError.js';

export function parseProfile(value: string | undefined): Profile | undefined {
  if (value === undefined || isProfile(value)) return value;
  throw new AppError(
    'INVALID_PROFILE',
    `Unknown profile "${value}"; expected one of ${PROFILES.join(', ')}.`,
    {
      profiles: PROFILES,
    },
  );
}
