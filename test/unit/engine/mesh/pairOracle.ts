/**
 * The pair-by-pair oracle for the mesh-wide answers: whatIf for one client × backend pair, and the part of
 * its answer that must not depend on which client of a class asks (everything but the names of the
 * client's own proxy and the notes that name it).
 */
import { expect } from 'vitest';
import {
  evaluateWhatIf,
  resolvePath,
  type BlastRadius,
  type CompiledMesh,
  type Profile,
  type Scenario,
  type WhatIf,
} from '../../../../src/engine/index.js';
import { meshBackends } from '../../../../src/engine/mesh/meshBackends.js';
import { meshClients } from '../../../../src/engine/mesh/meshClients.js';

export interface Pair {
  readonly client: string;
  readonly cluster: string;
  readonly backend: string;
}

/** Every client × backend pair the mesh-wide questions cover. */
export function allPairs(mesh: CompiledMesh, profile: Profile = mesh.profile): Pair[] {
  const backends = meshBackends(mesh, profile);
  return meshClients(mesh).flatMap(({ reference, client }) =>
    (backends.get(client.cluster) ?? []).map((backend) => ({
      client: reference,
      cluster: client.cluster,
      backend,
    })),
  );
}

export function whatIfFor(mesh: CompiledMesh, pair: Pair, scenario: Scenario, profile?: Profile): WhatIf {
  return evaluateWhatIf(
    resolvePath(mesh, { client: pair.client, backend: pair.backend, ...(profile ? { profile } : {}) }),
    scenario,
  );
}

/** The numbers of a whatIf answer, without the client's own proxy name and node. */
export function numbersOf(answer: WhatIf): unknown {
  return {
    errorPercent: answer.errorPercent,
    overflowPercent: answer.overflowPercent,
    ejections: answer.ejections.map((e) => [e.endpoint, e.outcome, e.hop]),
    hops: answer.scenario.hops.map((h) => ({
      from: [h.from.kind, h.from.cluster, h.from.network, h.from.locality],
      to: h.to,
      loadBalancer: h.loadBalancer,
      outlierDetection: h.outlierDetection,
      priorities: h.priorities,
      endpoints: h.endpoints.map((e) => [e.name, e.priority, e.sharePercent, e.healthy, e.ejected]),
    })),
  };
}

/**
 * Checks the blast radius against whatIf for every pair given: an impacted pair is listed under its
 * backend, in its class, with whatIf's rates; a pair whatIf finds unharmed is not listed.
 */
export function expectBlastMatchesWhatIf(
  mesh: CompiledMesh,
  blast: BlastRadius,
  scenario: Scenario,
  pairs: readonly Pair[],
): void {
  for (const pair of pairs) {
    const answer = whatIfFor(mesh, pair, scenario, blast.profile);
    const listed = blast.impacts
      .find((i) => i.backend === pair.backend)
      ?.classes.find((c) => c.clientClass.clients.includes(pair.client));
    const harmed =
      answer.errorPercent > 0 || answer.overflowPercent > 0 || (answer.saturatedPercent ?? 0) > 0;
    expect({ pair, listed: listed !== undefined }).toEqual({ pair, listed: harmed });
    if (listed !== undefined) {
      expect({
        pair,
        errorPercent: listed.errorPercent,
        overflowPercent: listed.overflowPercent,
        saturatedPercent: listed.saturatedPercent,
      }).toEqual({
        pair,
        errorPercent: answer.errorPercent,
        overflowPercent: answer.overflowPercent,
        saturatedPercent: answer.saturatedPercent,
      });
    }
  }
}
