/**
 * The portal's questions. Optional fields (api.md Additions) are selected only when the server has them
 * (see features.ts), so one build of the portal works before and after they ship.
 */
import { graphql } from './client';
import type { Features } from './features';
import type {
  BlastRadius,
  EffectivePolicy,
  SnapshotDiff,
  SnapshotReferences,
  SnapshotSummary,
  WhatIf,
} from './types';
import type { Route } from '../state/route';

const REF = 'kind name namespace cluster';
const DIAGNOSTIC = `code severity message equivalent resources { ${REF} }`;

const endpointFields = (features: Features): string =>
  `name address cluster network locality node priority healthy ejected sharePercent priorityReason localityWeight${
    features.endpointUtilization ? ' utilizationPercent' : ''
  }${features.endpointFailing ? ' failing' : ''}`;

const policyFragment = (features: Features): string => `fragment Policy on EffectivePolicy {
  profile
  client { ${REF} }
  backend
  hops {
    from { kind name cluster network locality node }
    to
    layer
    shareUnit
    trafficDistribution { mode source field writtenValue resource { ${REF} } }
    destinationRule { ${REF} }
    destinationRuleFieldsApplied
    localityLb { mode active reason failoverPriority source }
    loadBalancer
    outlierDetection {
      consecutive5xxErrors consecutiveGatewayErrors intervalSeconds baseEjectionTimeSeconds
      maxEjectionTimeSeconds maxEjectionPercent minHealthPercent explicitFields
    }
    panicThresholdPercent
    overprovisioningFactor
    priorities { level endpoints healthy healthPercent loadPercent panic meaning }
    endpoints { ${endpointFields(features)} }
    droppedPercent
    notes
  }
  diagnostics { ${DIAGNOSTIC} }
  ${features.backendShares ? `backendShares { ${endpointFields(features)} }` : ''}
}`;

export const SNAPSHOTS_PAGE_SIZE = 50;

export async function listSnapshots(): Promise<{ nodes: SnapshotSummary[]; hasNextPage: boolean }> {
  const data = await graphql<{
    snapshots: { nodes: SnapshotSummary[]; pageInfo: { hasNextPage: boolean } };
  }>(
    `query Snapshots($first: Int!) {
      snapshots(first: $first) {
        nodes {
          id name profile createdAt
          clusters { name network }
          counts { cluster kind count }
          ignored { kind count }
          diagnostics { ${DIAGNOSTIC} }
        }
        pageInfo { hasNextPage }
      }
    }`,
    { first: SNAPSHOTS_PAGE_SIZE },
  );
  return { nodes: data.snapshots.nodes, hasNextPage: data.snapshots.pageInfo.hasNextPage };
}

/** Enough names for a picker; the service bounds a page at 10 000. */
export const REFERENCES_LIMIT = 5_000;

export async function snapshotReferences(snapshot: string): Promise<SnapshotReferences | null> {
  const data = await graphql<{ snapshot: SnapshotReferences | null }>(
    `
      query References($ref: String!, $first: Int!) {
        snapshot(ref: $ref) {
          id
          name
          profile
          clients(first: $first)
          backends(first: $first)
        }
      }
    `,
    { ref: snapshot, first: REFERENCES_LIMIT },
  );
  return data.snapshot;
}

interface Question {
  readonly snapshot: string;
  readonly client: string;
  readonly backend: string;
  readonly profile?: string;
}

export function questionOf(route: Route): Question | undefined {
  const { snapshot, client, backend, profile } = route;
  if (snapshot === undefined || client === undefined || backend === undefined) return undefined;
  return { snapshot, client, backend, ...(profile === undefined ? {} : { profile }) };
}

export async function effectivePolicy(question: Question, features: Features): Promise<EffectivePolicy> {
  const data = await graphql<{ effectivePolicy: EffectivePolicy }>(
    `
      query Policy($snapshot: String!, $client: String!, $backend: String!, $profile: Profile) {
        effectivePolicy(snapshot: $snapshot, client: $client, backend: $backend, profile: $profile) {
          ...Policy
        }
      }
      ${policyFragment(features)}
    `,
    { ...question },
  );
  return data.effectivePolicy;
}

/** Default range of the spillover plot when the link has no `sweep=`. */
export const DEFAULT_SWEEP: readonly [number, number] = [1, 3];
/** Points per sweep: smooth enough to read a bend, far below the service's 200. */
const SWEEP_STEPS = 40;

export function sweepStep(from: number, to: number): number {
  if (to <= from) return 1;
  return Number(((to - from) / SWEEP_STEPS).toPrecision(3));
}

/** The scenario a route asks for; fields the server lacks are never sent. */
export function scenarioOf(route: Route, features: Features): Record<string, unknown> {
  return {
    ...(route.eject.length > 0 ? { ejectEndpoints: route.eject } : {}),
    ...(route.fail.length > 0 ? { failLocalities: route.fail } : {}),
    ...(route.load === undefined ? {} : { loadFactor: route.load }),
    ...(route.failure !== undefined && features.failureKind ? { failure: route.failure } : {}),
    ...(route.util !== undefined && features.utilization ? { utilizationPercent: route.util } : {}),
  };
}

export async function whatIf(route: Route, features: Features): Promise<WhatIf> {
  const question = questionOf(route);
  if (question === undefined) throw new Error('a what-if needs a snapshot, a client and a backend');
  const [from, to] = route.sweep ?? DEFAULT_SWEEP;
  const data = await graphql<{ whatIf: WhatIf }>(
    `query WhatIf(
      $snapshot: String!, $client: String!, $backend: String!, $profile: Profile,
      $scenario: ScenarioInput!, $from: Float!, $to: Float!, $step: Float!
    ) {
      whatIf(snapshot: $snapshot, client: $client, backend: $backend, profile: $profile, scenario: $scenario) {
        profile
        errorPercent
        overflowPercent
        ${features.saturation ? 'saturatedPercent' : ''}
        notes
        ejections { endpoint hop outcome reason ejectionSeconds }
        baseline { ...Policy }
        scenario { ...Policy }
        sweep(from: $from, to: $to, step: $step) {
          loadFactor
          hops {
            hop loads overflowPercent
            ${features.sweepUtilization ? 'maxUtilizationPercent' : ''}
            ${features.sweepSaturation ? 'saturatedPercent' : ''}
          }
          ${features.sweepOutcome ? 'ejectedEndpoints errorPercent cascade' : ''}
        }
      }
    }
    ${policyFragment(features)}`,
    { ...question, scenario: scenarioOf(route, features), from, to, step: sweepStep(from, to) },
  );
  return data.whatIf;
}

/**
 * Clients listed per impacted backend before "and N more": each is a link, the rest are one click away in the
 * API. The query asks for no more than that; `clientCount` says how many there are in all.
 */
export const BLAST_CLIENTS_SHOWN = 5;

/** The blast radius of the route's scenario over every client × backend pair of its snapshot. */
export async function blastRadius(route: Route, features: Features): Promise<BlastRadius> {
  if (route.snapshot === undefined) throw new Error('a blast radius needs a snapshot');
  const data = await graphql<{ blastRadius: BlastRadius }>(
    `
      query BlastRadius(
        $snapshot: String!
        $scenario: ScenarioInput!
        $profile: Profile
        $clientsShown: Int!
      ) {
        blastRadius(snapshot: $snapshot, scenario: $scenario, profile: $profile) {
          profile
          pairs
          impacts {
            backend
            clients(first: $clientsShown)
            clientCount
            errorPercent
            saturatedPercent
            overflowPercent
          }
        }
      }
    `,
    {
      snapshot: route.snapshot,
      scenario: scenarioOf(route, features),
      ...(route.profile === undefined ? {} : { profile: route.profile }),
      clientsShown: BLAST_CLIENTS_SHOWN,
    },
  );
  return data.blastRadius;
}

/** What changes in behaviour from one snapshot to another. */
export async function snapshotDiff(route: Route): Promise<SnapshotDiff> {
  if (route.before === undefined || route.after === undefined) throw new Error('a diff needs two snapshots');
  const data = await graphql<{ diff: SnapshotDiff }>(
    `query Diff($before: String!, $after: String!, $profile: Profile) {
      diff(before: $before, after: $after, profile: $profile) {
        changes { backend client summary }
        diagnosticsAdded { ${DIAGNOSTIC} }
        diagnosticsResolved { ${DIAGNOSTIC} }
      }
    }`,
    {
      before: route.before,
      after: route.after,
      ...(route.profile === undefined ? {} : { profile: route.profile }),
    },
  );
  return data.diff;
}
