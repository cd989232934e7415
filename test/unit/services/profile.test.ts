import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/appError.js';
import { parseProfile } from '../../../src/services/profile.js';

describe('parseProfile: the one check of a question’s profile', () => {
  it.each([
    { given: undefined, parsed: undefined },
    { given: 'SOLO', parsed: 'SOLO' },
    { given: 'ISTIO_1_30', parsed: 'ISTIO_1_30' },
    { given: 'ISTIO_1_31', parsed: 'ISTIO_1_31' },
  ])('$given → $parsed', ({ given, parsed }) => {
    expect(parseProfile(given)).toBe(parsed);
  });

  it.each(['ENVOY', 'solo', 'ISTIO_1_29', ''])(
    'refuses %j with INVALID_PROFILE naming the profiles',
    (given) => {
      let thrown: unknown;
      try {
        parseProfile(given);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({
        code: 'INVALID_PROFILE',
        details: { profiles: ['SOLO', 'ISTIO_1_30', 'ISTIO_1_31'] },
      });
    },
  );
});
