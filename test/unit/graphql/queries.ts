/** Selections of every field, shared by the unit and integration tests of the GraphQL API. */
const RESOURCE = '{ kind name namespace cluster }';
const DIAGNOSTIC = `{ code severity message equivalent resources ${RESOURCE} }`;
const ENDPOINT =
  '{ name address cluster network locality node priority healthy ejected sharePercent priorityReason localityWeight held stateReason }';
const HOP = `{
  from { kind name cluster network locality node }
  to layer
  trafficDistribution { mode source field writtenValue resource ${RESOURCE} }
  destinationRule ${RESOURCE}
  destinationRuleFieldsApplied
  localityLb { mode active reason failoverPriority source resource ${RESOURCE} }
  loadBalancer
  outlierDetection {
    consecutive5xxErrors consecutiveGatewayErrors intervalSeconds baseEjectionTimeSeconds maxEjectionTimeSeconds
    maxEjectionPercent minHealthPercent explicitFields resource ${RESOURCE}
  }
  panicThresholdPercent overprovisioningFactor shareUnit
  priorities { level endpoints healthy healthPercent loadPercent panic meaning }
  endpoints ${ENDPOINT}
  droppedPercent notes
  replicas {
    from { kind name cluster network locality node } trafficPercent droppedPercent
    priorities { level endpoints healthy healthPercent loadPercent panic meaning }
    endpoints ${ENDPOINT}
  }
}`;
export const POLICY_FIELDS = `{ profile backend client ${RESOURCE} hops ${HOP} backendShares ${ENDPOINT} diagnostics ${DIAGNOSTIC} }`;
export const WHAT_IF_FIELDS = `{
  profile errorPercent overflowPercent notes
  ejections { endpoint hop outcome reason ejectionSeconds }
  baseline ${POLICY_FIELDS}
  scenario ${POLICY_FIELDS}
}`;
export const SNAPSHOT_FIELDS = `{
  id name profile contentHash createdAt
  clusters { name network }
  counts { cluster kind count }
  ignored { kind count }
  diagnostics ${DIAGNOSTIC}
}`;
export const EFFECTIVE_POLICY_QUERY = `query Policy($snapshot: String!, $client: String!, $backend: String!, $profile: Profile) {
  effectivePolicy(snapshot: $snapshot, client: $client, backend: $backend, profile: $profile) ${POLICY_FIELDS}
}`;
export const WHAT_IF_QUERY = `query WhatIf($snapshot: String!, $client: String!, $backend: String!, $scenario: ScenarioInput!, $profile: Profile) {
  whatIf(snapshot: $snapshot, client: $client, backend: $backend, scenario: $scenario, profile: $profile) ${WHAT_IF_FIELDS}
}`;
export const SWEEP_QUERY = `query Sweep($snapshot: String!, $client: String!, $backend: String!, $scenario: ScenarioInput!, $from: Float, $to: Float, $step: Float) {
  whatIf(snapshot: $snapshot, client: $client, backend: $backend, scenario: $scenario) {
    overflowPercent
    sweep(from: $from, to: $to, step: $step) { loadFactor hops { hop loads overflowPercent } }
  }
}`;
export const ANALYZE_QUERY = `query Analyze($snapshot: String!, $profile: Profile) { analyze(snapshot: $snapshot, profile: $profile) ${DIAGNOSTIC} }`;
export const SNAPSHOT_QUERY = `query Snapshot($ref: String!) { snapshot(ref: $ref) ${SNAPSHOT_FIELDS} }`;
export const SNAPSHOTS_QUERY = `query Snapshots($first: Int, $after: String) {
  snapshots(first: $first, after: $after) { edges { cursor node { id name } } nodes { id } pageInfo { hasNextPage endCursor } }
}`;
