/**
 * Snapshots as people really capture them (test/fixtures/uploads): each is accepted, says what it lacks,
 * and answers the question a user would ask of it — or says why it cannot.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, graphql } from '../../helpers/buildTestApp.js';

interface Diagnostic {
  readonly code: string;
  readonly message: string;
}
interface Uploaded {
  readonly id: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}
interface Policy {
  readonly hops: readonly {
    readonly from: { readonly locality: string | null };
    readonly endpoints: readonly {
      readonly name: string;
      readonly locality: string | null;
      readonly healthy: boolean;
      readonly sharePercent: number;
    }[];
  }[];
  readonly diagnostics: readonly Diagnostic[];
}

const POLICY = `query($s: String!, $c: String!, $b: String!) {
  effectivePolicy(snapshot: $s, client: $c, backend: $b) {
    hops { from { locality } endpoints { name locality healthy sharePercent } }
    diagnostics { code message }
  }
}`;

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/uploads/${name}.yaml`, import.meta.url), 'utf8');

async function upload(app: FastifyInstance, name: string): Promise<Uploaded> {
  const response = await app.inject({
    method: 'POST',
    url: `/v1/snapshots?name=${name}`,
    headers: { 'content-type': 'application/yaml' },
    payload: fixture(name),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Uploaded>();
}

async function ask(
  app: FastifyInstance,
  snapshot: string,
  client: string,
  backend: string,
): Promise<{ policy?: Policy; error?: { message: string; extensions: Record<string, unknown> } }> {
  const response = await graphql(app, POLICY, { s: snapshot, c: client, b: backend });
  const body = response.json<{
    data?: { effectivePolicy: Policy } | null;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  }>();
  return body.errors?.[0] === undefined
    ? { policy: body.data?.effectivePolicy as Policy }
    : { error: body.errors[0] };
}

const codesOf = (list: readonly Diagnostic[]): string[] => list.map((d) => d.code).sort();
const endpointsOf = (policy: Policy | undefined) =>
  policy?.hops.at(-1)?.endpoints.map((e) => [e.name, e.locality, e.healthy, e.sharePercent]);

/** Functional checks must not be shed by a slow machine; shedding has its own test. */
const ENV = { SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };

describe('snapshots as kubectl prints them', () => {
  it('trimmed status (node and container ids redacted, a pod without status) is accepted; the answer says what is missing', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'trimmed-status');
    expect(uploaded.counts['cluster1']).toMatchObject({ Node: 2, Pod: 3, EndpointSlice: 1 });
    expect(codesOf(uploaded.diagnostics)).toEqual(['SPW1019']);
    expect(uploaded.diagnostics[0]?.message).toContain(
      '1 pod(s) in cluster cluster1 have no IP and no Ready condition',
    );
    const { policy } = await ask(app, 'trimmed-status', 'shop/client', 'web.shop');
    // An ambient client, no traffic distribution written: SOLO's default for backends is PreferNetwork, and
    // both ready endpoints share the client's network, so ztunnel's best tier holds both: 100 / 2 = 50 each.
    expect(endpointsOf(policy)).toEqual([
      ['web-6d4cf56db6-k2x8p', 'eu-west-1/eu-west-1a/', true, 50],
      ['web-6d4cf56db6-q7m2z', 'eu-west-1/eu-west-1b/', true, 50],
    ]);
  });

  it('endpoints: null is an empty list: the Service has no endpoint, and the answer says traffic fails', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'endpoints-null');
    expect(uploaded.counts['cluster1']).toMatchObject({ EndpointSlice: 1, Service: 1 });
    const { policy } = await ask(app, 'endpoints-null', 'shop/client', 'idle.shop');
    expect(endpointsOf(policy)).toEqual([]);
    expect(codesOf(policy?.diagnostics ?? [])).toContain('SPW0013');
  });

  it('no EndpointSlices (kubectl get all): endpoints derived from the selector and ready Pods, said with the answer', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'no-endpointslices');
    // No Namespace (SPW1002), no Nodes (SPW1016), endpoints derived (SPW1014).
    expect(codesOf(uploaded.diagnostics)).toEqual(['SPW1002', 'SPW1014', 'SPW1016']);
    const derived = uploaded.diagnostics.find((d) => d.code === 'SPW1014');
    expect(derived?.message).toContain('3 endpoint(s) (2 ready)');
    const { policy } = await ask(app, 'no-endpointslices', 'shop/client', 'web.shop');
    // Outside the mesh (no namespace, so no dataplane label): kube-proxy spreads over the two ready pods
    // equally, 100 / 2 = 50; the pod whose Ready condition is False gets nothing. No Nodes and no EndpointSlice
    // zones: every locality is unknown ("//").
    expect(endpointsOf(policy)).toEqual([
      ['web-7b9c8d6f5-abcde', '//', true, 50],
      ['web-7b9c8d6f5-fghij', '//', true, 50],
      ['web-7b9c8d6f5-klmno', '//', false, 0],
    ]);
    expect(codesOf(policy?.diagnostics ?? [])).toEqual(expect.arrayContaining(['SPW1014', 'SPW1016']));
  });

  it('manifests only: the upload and the question both say the snapshot holds Deployments but no Pods, and how to capture them', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'manifests-only');
    expect(codesOf(uploaded.diagnostics)).toContain('SPW1015');
    const { error } = await ask(app, 'manifests-only', 'default/productpage', 'details.default');
    expect(error?.extensions['code']).toBe('UNKNOWN_CLIENT');
    expect(error?.message).toContain('2 Deployment object(s) in cluster cluster1 but no Pods');
    expect(error?.message).toContain('kubectl get nodes,namespaces,pods');
  });

  it('no Nodes: localities come from the EndpointSlice zones, and the answer says regions are unknown', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'no-nodes');
    expect(codesOf(uploaded.diagnostics)).toEqual(['SPW1016']);
    const { policy } = await ask(app, 'no-nodes', 'shop/client', 'web.shop');
    // PreferClose: ztunnel keeps connections in the client's zone (eu-west-1a, from its EndpointSlice) while
    // it has a ready endpoint there: web-a takes 100 %, web-b in eu-west-1b nothing.
    expect(policy?.hops[0]?.from.locality).toBe('/eu-west-1a');
    expect(endpointsOf(policy)).toEqual([
      ['web-a', '/eu-west-1a/', true, 100],
      ['web-b', '/eu-west-1b/', true, 0],
    ]);
    expect(codesOf(policy?.diagnostics ?? [])).toContain('SPW1016');
  });

  it('legacy failure-domain labels give localities, as in Istio', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'legacy-labels');
    expect(codesOf(uploaded.diagnostics)).toEqual(['SPW1017']);
    const { policy } = await ask(app, 'legacy-labels', 'shop/client', 'web.shop');
    // PreferClose from us-central1-a: the same-zone endpoint takes every connection.
    expect(endpointsOf(policy)).toEqual([
      ['web-a', 'us-central1/us-central1-a/', true, 100],
      ['web-b', 'us-central1/us-central1-b/', true, 0],
    ]);
  });

  it('an unknown Istio field is a warning naming it and the closest known field', async () => {
    const app = await buildTestApp(ENV);
    const uploaded = await upload(app, 'unknown-field');
    expect(uploaded.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining(
        'unknown field "spec.trafficPolicy.outlierDetections" (did you mean "outlierDetection"?)',
      ),
      expect.stringContaining('unknown field "spec.subsets[0].lables" (did you mean "labels"?)'),
    ]);
    expect(codesOf(uploaded.diagnostics)).toEqual(['SPW1013', 'SPW1013']);
  });

  it('nothing usable: accepted with a warning, and never what latest means', async () => {
    const app = await buildTestApp(ENV);
    const usable = await upload(app, 'legacy-labels');
    const useless = await upload(app, 'nothing-usable');
    expect(codesOf(useless.diagnostics)).toEqual(['SPW1018']);
    expect(useless.diagnostics[0]?.message).toContain('1 ConfigMap, 1 Secret, 1 Application');
    const latest = await app.inject({ method: 'GET', url: '/v1/snapshots/latest' });
    expect(latest.json<{ id: string }>().id).toBe(usable.id);
    const listed = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([
      useless.id,
      usable.id,
    ]);
  });
});
