/**
 * The mesh-wide questions over GraphQL, through the real app on the bundled examples: a zone outage on
 * bookinfo lists the impacted backends worst first with the numbers whatIf gives for their worst client.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import type { BlastRadius, Impact, SnapshotDiff, WhatIf } from '../../../src/engine/index.js';
import { graphql } from '../../helpers/buildTestApp.js';

/** The event-loop guard would shed the first queries after importing every example in one go. */
const ENV = { SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0', SPILLWAY_IMPORT_EXAMPLES: 'true' };

const BLAST_QUERY = `query Blast($snapshot: String!, $scenario: ScenarioInput!, $profile: Profile) {
  blastRadius(snapshot: $snapshot, scenario: $scenario, profile: $profile) {
    profile pairs classCount evaluations clientCount backendCount classKey unmatched notes
    impacts {
      backend clients(first: 10) clientCount errorPercent saturatedPercent overflowPercent worstClient
      classes { errorPercent saturatedPercent overflowPercent
        clientClass { id kind cluster network locality namespace node labels description clients } }
    }
  }
}`;
const WHAT_IF_RATES = `query Rates($snapshot: String!, $client: String!, $backend: String!, $scenario: ScenarioInput!) {
  whatIf(snapshot: $snapshot, client: $client, backend: $backend, scenario: $scenario) { errorPercent overflowPercent }
}`;

const DIFF_QUERY = `query Diff($before: String!, $after: String!, $profile: Profile) {
  diff(before: $before, after: $after, profile: $profile) {
    profiles { before after } differences pairs backendsAdded backendsRemoved clientsAdded clientsRemoved
    changes { backend client summary clientClass { description clients } details { aspect hop at before after } }
    diagnosticsAdded { code } diagnosticsResolved { code }
  }
}`;

type ImpactData = Impact & { readonly clients: readonly string[] };
interface Data {
  readonly blastRadius: Omit<BlastRadius, 'impacts'> & { readonly impacts: readonly ImpactData[] };
  readonly whatIf: Pick<WhatIf, 'errorPercent' | 'overflowPercent'>;
  readonly diff: SnapshotDiff;
}
interface Answer {
  readonly data: Data | null | undefined;
  readonly errors: { message: string; extensions: Record<string, unknown> }[] | undefined;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(testConfig(ENV));
});
afterAll(async () => {
  await app.close();
});
const ask = async (query: string, variables: Record<string, unknown>): Promise<Answer> =>
  (await graphql(app, query, variables)).json<Answer>();

describe('blastRadius over GraphQL', () => {
  it('a zone outage on bookinfo: impacted backends worst first, each with whatIf numbers for its worst client', async () => {
    const scenario = { failLocalities: ['us-east/us-east-1a'] };
    const { data, errors } = await ask(BLAST_QUERY, { snapshot: 'bookinfo-multicluster', scenario });
    expect(errors).toBeUndefined();
    const blast = data!.blastRadius;
    // test/unit/engine/mesh/blastRadius.test.ts derives these: ratings' only endpoint is in us-east-1a
    // (100 %); productpage.svc has one of its two equal-share cluster1 endpoints there (50 %).
    expect(blast.impacts.map((i) => [i.backend, i.errorPercent])).toEqual([
      ['ratings.bookinfo.svc.cluster.local', 100],
      ['productpage.bookinfo.svc.cluster.local', 50],
    ]);
    // cluster1: 2 clients × 3 backends; cluster2: 1 client × 2 backends.
    expect(blast.pairs).toBe(8);
    for (const impact of blast.impacts) {
      expect(impact.clients).toEqual(['cluster1/bookinfo/productpage-v1', 'cluster1/bookinfo/ratings-v1']);
      expect(impact.classes[0]?.clientClass.description).toBe(
        'ambient clients in cluster1 (network1), us-east/us-east-1a',
      );
      const rates = await ask(WHAT_IF_RATES, {
        snapshot: 'bookinfo-multicluster',
        client: impact.worstClient,
        backend: impact.backend,
        scenario,
      });
      expect(rates.data?.whatIf).toEqual({
        errorPercent: impact.errorPercent,
        overflowPercent: impact.overflowPercent,
      });
    }
  });

  it('bounds the client list by `first` and keeps the count', async () => {
    const { data } = await ask(BLAST_QUERY.replace('clients(first: 10)', 'clients(first: 1)'), {
      snapshot: 'bookinfo-multicluster',
      scenario: { failLocalities: ['cluster:cluster1'] },
    });
    const impact = data?.blastRadius.impacts[0];
    expect(impact?.clients).toHaveLength(1);
    expect(impact?.clientCount).toBe(2);
  });

  it.each([
    [{ snapshot: 'nope', scenario: {} }, 'UNKNOWN_SNAPSHOT'],
    [{ snapshot: 'httpbin-after', scenario: { loadFactor: 0 } }, 'INVALID_SCENARIO'],
    [{ snapshot: 'httpbin-after', scenario: { failLocalities: ['a/b/c/d'] } }, 'INVALID_SCENARIO'],
  ])('%j → %s', async (variables, code) => {
    const { data, errors } = await ask(BLAST_QUERY, variables);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions.code).toBe(code);
  });
});

describe('diff over GraphQL', () => {
  it('httpbin before → after names the in-ambient backend and what changed', async () => {
    const { data, errors } = await ask(DIFF_QUERY, { before: 'httpbin-before', after: 'httpbin-after' });
    expect(errors).toBeUndefined();
    const diff = data!.diff;
    // The unit test test/unit/engine/mesh/diffSnapshots.test.ts derives each detail.
    expect(diff.changes.map((c) => [c.backend, c.client, c.details.map((d) => d.aspect)])).toEqual([
      [
        'in-ambient.httpbin.svc.cluster.local',
        'httpbin/client-in-ambient',
        ['DESTINATION_RULE', 'LOCALITY_LB', 'LOAD_BALANCER', 'OUTLIER_DETECTION'],
      ],
    ]);
    expect(diff.changes[0]?.summary).toMatch(
      /^in-ambient\.httpbin: .*\(DestinationRule httpbin\/in-ambient-failover added\)\.$/,
    );
    expect(diff.diagnosticsAdded.map((d) => d.code)).toEqual(['SPW0002']);
  });

  it('a snapshot diffed with itself has no changes', async () => {
    const { data } = await ask(DIFF_QUERY, {
      before: 'bookinfo-multicluster',
      after: 'bookinfo-multicluster',
    });
    expect(data?.diff.changes).toEqual([]);
    expect(data?.diff.pairs).toBe(8);
  });

  it.each([
    [{ before: 'nope', after: 'httpbin-after' }, 'UNKNOWN_SNAPSHOT'],
    [{ before: 'httpbin-before', after: 'httpbin-after', profile: 'NOPE' }, 'BAD_USER_INPUT'],
  ])('%j → %s', async (variables, code) => {
    const { errors } = await ask(DIFF_QUERY, variables);
    expect(errors?.[0]?.extensions.code).toBe(code);
  });
});
