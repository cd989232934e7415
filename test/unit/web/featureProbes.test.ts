/**
 * The portal's probes for api.md's Additions: each one validates against a schema that has its field and
 * fails validation against one that does not, so the portal sends a field exactly when the server has it.
 */
import { buildASTSchema, concatAST, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../../src/graphql/schema.js';
import { FEATURE_PROBES, type Features } from '../../../web/src/api/featureProbes.js';

/** The Additions as api.md writes them, each added on its own to today's schema. */
const ADDITIONS: { readonly [K in keyof Features]: string } = {
  failureKind:
    'enum FailureKind { HTTP_5XX CONNECT_FAILURE NOT_READY } extend input ScenarioInput { failure: FailureKind }',
  utilization: 'extend input ScenarioInput { utilizationPercent: Float }',
  endpointUtilization: 'extend type EndpointShare { utilizationPercent: Float }',
  saturation: 'extend type WhatIf { saturatedPercent: Float }',
  backendShares: 'extend type EffectivePolicy { backendShares: [EndpointShare!]! }',
  blastRadius:
    'type BlastRadius { pairs: Int! } extend type Query { blastRadius(snapshot: String!, scenario: ScenarioInput!, profile: Profile): BlastRadius! }',
  diff: 'type BehaviourChange { summary: String! } type SnapshotDiff { changes: [BehaviourChange!]! } extend type Query { diff(before: String!, after: String!, profile: Profile): SnapshotDiff! }',
  // Not named in api.md: issue 14's sweep fields as its branch names them (docs/portal.md).
  sweepUtilization: 'extend type SweepHop { maxUtilizationPercent: Float }',
  sweepSaturation: 'extend type SweepHop { saturatedPercent: Float }',
  endpointFailing: 'extend type EndpointShare { failing: Boolean }',
  sweepOutcome:
    'enum CascadeOutcome { NO_OVERLOAD } extend type SweepPoint { ejectedEndpoints: Int! errorPercent: Float! cascade: CascadeOutcome }',
};

const today = loadTypeDefs();
const schemaWith = (extra: string): GraphQLSchema => buildASTSchema(concatAST([today, parse(extra)]));
const valid = (schema: GraphQLSchema, query: string): boolean => validate(schema, parse(query)).length === 0;
const hasAlready = (key: keyof Features): boolean => {
  try {
    schemaWith(ADDITIONS[key]);
    return false;
  } catch {
    // The extension clashes with a field the schema already has: the Addition has shipped.
    return true;
  }
};

describe('feature probes', () => {
  it.each(Object.keys(FEATURE_PROBES) as (keyof Features)[])(
    '%s: valid exactly when the schema has it',
    (key) => {
      const probe = FEATURE_PROBES[key];
      const todaySchema = buildASTSchema(today);
      if (hasAlready(key)) {
        expect(valid(todaySchema, probe)).toBe(true);
        return;
      }
      expect(valid(todaySchema, probe)).toBe(false);
      expect(valid(schemaWith(ADDITIONS[key]), probe)).toBe(true);
    },
  );
});
