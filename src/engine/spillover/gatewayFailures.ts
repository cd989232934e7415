/**
 * Failures behind an east-west gateway endpoint (issue 13 item 3). The client's Envoy holds one endpoint per
 * gateway and locality group, weighted by the remote endpoints it stands for (`EndpointsByNetworkFilter`,
 * istio 1.30.3 / 1.31.0-rc.0 `pilot/pkg/xds/endpoints/ep_filters.go`); the gateway forwards each connection
 * it receives to one endpoint of the service on its own network. How the client sees a remote failure:
 *
 * - The gateway only relays bytes. The ambient east-west gateway (class `istio-east-west`) terminates the
 *   outer HBONE tunnel and forwards the inner one as an opaque TCP stream through its `inbound-vip` cluster,
 *   built with no DestinationRule ("East-west gateways don't respect DestinationRule",
 *   `buildWaypointInboundClusters` in `pilot/pkg/networking/core/cluster_waypoint.go`): no outlier detection
 *   and no retries of its own, one endpoint picked per connection, by endpoint weight. (A sidecar-era
 *   AUTO_PASSTHROUGH gateway's `sni-dnat` clusters carry the DestinationRule, `buildOutboundSniDnatClusters`,
 *   but see only TCP too.) So nothing on the remote side removes a failing endpoint unless it loses
 *   readiness.
 * - `HTTP_5XX`: the requests on a connection pinned to a failing pod come back as 5xx responses from the
 *   gateway host. With the gateway picking by weight, the expected share of failing requests through it is
 *   φ = failing weight / weight of the endpoints it balances over (every stand-in of that gateway: the
 *   gateway balances over all of them, whichever locality group the client sent to).
 * - `CONNECT_FAILURE`: the inner CONNECT (or, for AUTO_PASSTHROUGH, the TLS handshake) fails through the
 *   gateway, so the client's Envoy sees a connect failure on the gateway host, a share φ of new connections;
 *   Istio's default policy retries it (`retry_on: connect-failure`), and a retry that lands on the same
 *   gateway opens a new connection the gateway picks afresh.
 * - `NOT_READY`: the remote endpoint leaves its EndpointSlice's ready set; the gateway's cluster drops it and
 *   istiod stops counting its weight for the client (`filterIstioEndpoint` drops unhealthy endpoints unless
 *   the proxy takes them), so the stand-in's weight shrinks by the endpoints gone. Nothing fails. When the
 *   client keeps not-ready endpoints as UNHEALTHY (`notReadyEndpointHealth`), their weight still counts:
 *   `EndpointsByNetworkFilter` sums the weight of every endpoint it receives, unhealthy ones included.
 *
 * A stand-in whose endpoints all fail is a wholly failing host (φ = 1), exactly as a pod would be.
 */
import type { FailureKind } from '../model/answer.js';
import type { ResolvedEndpoint } from '../model/resolved.js';

/** What the scenario does to one gateway stand-in that is not simply a failing host. */
export interface GatewayFailure {
  /** Index of the stand-in in the hop's endpoints. */
  readonly index: number;
  /** φ: the share (0–1) of what the client sends to the stand-in that fails behind it. */
  readonly fraction: number;
  /** The stand-in's weight once `NOT_READY` endpoints left EDS (absent when it does not change). */
  readonly weight?: number;
  /** Why, with its numbers, for the answer's notes. */
  readonly reason: string;
}

export interface GatewayFailures {
  /** Stand-ins whose every endpoint fails (for `NOT_READY`: every endpoint of its own locality group). */
  readonly whole: readonly number[];
  /** Stand-ins with some, not all, endpoints behind them failing. */
  readonly partial: readonly GatewayFailure[];
}

const NONE: GatewayFailures = { whole: [], partial: [] };

/** The gateway a stand-in belongs to: its Gateway reference, which the resolver sets on every stand-in. */
function gatewayKey(e: ResolvedEndpoint): string {
  const w = e.workload;
  return w === undefined ? e.id : `${w.cluster ?? ''}/${w.namespace ?? ''}/${w.name}`;
}

function percent(x: number): string {
  return `${(Math.round(x * 10_000) / 100).toString()} %`;
}

/**
 * @example gatewayFailures([podA, podB, gatewayForAB], [0], 'HTTP_5XX')
 * // → { whole: [], partial: [{ index: 2, fraction: 0.5, … }] }: one of two equal pods behind it answers 503
 */
export function gatewayFailures(
  endpoints: readonly ResolvedEndpoint[],
  failing: readonly number[],
  failure: FailureKind,
  notReadyHealth: 'UNHEALTHY' | 'EXCLUDED' = 'EXCLUDED',
): GatewayFailures {
  const standIns: number[] = [];
  for (let i = 0; i < endpoints.length; i += 1)
    if ((endpoints[i]?.standsFor?.length ?? 0) > 0) standIns.push(i);
  if (standIns.length === 0 || failing.length === 0) return NONE;
  const failingIds = new Set<string>();
  for (const i of failing) {
    const id = endpoints[i]?.id;
    if (id !== undefined) failingIds.add(id);
  }
  const weightById = new Map(endpoints.map((e) => [e.id, e.weight]));
  const zoneById = new Map(endpoints.map((e) => [e.id, `${e.locality.region}/${e.locality.zone}`]));
  const sum = (ids: Iterable<string>, pick: (id: string) => boolean): number => {
    let total = 0;
    for (const id of ids) if (pick(id)) total += weightById.get(id) ?? 0;
    return total;
  };
  // What each gateway balances over: the union of what its stand-ins stand for.
  const membersOf = new Map<string, Set<string>>();
  for (const i of standIns) {
    const e = endpoints[i];
    if (e === undefined) continue;
    const key = gatewayKey(e);
    const set = membersOf.get(key) ?? new Set<string>();
    for (const id of e.standsFor ?? []) set.add(id);
    membersOf.set(key, set);
  }
  const whole: number[] = [];
  const partial: GatewayFailure[] = [];
  const named = new Set(failing);
  for (const i of standIns) {
    const e = endpoints[i];
    if (e === undefined || named.has(i)) continue;
    if (failure === 'NOT_READY') {
      // EDS weights are per locality group: the stand-in carries its own group's endpoints only.
      const own = e.standsFor ?? [];
      const all = sum(own, () => true);
      const gone = sum(own, (id) => failingIds.has(id));
      if (gone <= 0) continue;
      if (gone >= all) {
        whole.push(i);
        continue;
      }
      const kept = notReadyHealth === 'EXCLUDED';
      const weight = kept ? (e.weight * (all - gone)) / all : e.weight;
      partial.push({
        index: i,
        fraction: 0,
        ...(kept ? { weight } : {}),
        reason: kept
          ? `${e.name}: endpoints of weight ${gone.toString()} of ${all.toString()} behind it are not ready; istiod leaves them out and EndpointsByNetworkFilter weighs the gateway by the rest: weight ${e.weight.toString()} × ${(all - gone).toString()}/${all.toString()} = ${weight.toString()}. The gateway's own cluster drops them too, so nothing fails`
          : `${e.name}: endpoints of weight ${gone.toString()} of ${all.toString()} behind it are not ready; this proxy receives not-ready endpoints as UNHEALTHY and EndpointsByNetworkFilter sums their weight all the same, so the gateway keeps weight ${e.weight.toString()}; the gateway's own cluster holds them unhealthy and routes around them, so nothing fails`,
      });
      continue;
    }
    const members = membersOf.get(gatewayKey(e)) ?? new Set<string>();
    const all = sum(members, () => true);
    const bad = sum(members, (id) => failingIds.has(id));
    if (bad <= 0 || all <= 0) continue;
    if (bad >= all) {
      whole.push(i);
      continue;
    }
    const fraction = bad / all;
    const zones = new Set([...members].map((id) => zoneById.get(id)));
    // Only by weight: the gateway's own cluster may prefer endpoints near it (the Service's
    // trafficDistribution, meshConfig localityLbSetting at the gateway's locality), which is not modelled.
    const spread =
      zones.size > 1
        ? `; the endpoints behind it sit in ${zones.size.toString()} zones, and any locality preference of the gateway's own cluster (the Service's trafficDistribution, meshConfig localityLbSetting from the gateway's locality) is not modelled: φ weighs them by weight alone`
        : '';
    const what =
      failure === 'CONNECT_FAILURE'
        ? 'of the new connections through it fail to connect behind it (the gateway relays the failure; the client sees a connect failure on the gateway host). Only opening a connection can fail: requests on pooled connections already pinned to answering endpoints do not, so the error rate here, with every attempt opening a connection, is an upper bound; how many requests open one depends on concurrency and keep-alive, which a snapshot does not say'
        : 'of its requests come back as 5xx from behind it (the gateway pins each connection to one endpoint and relays the answer)';
    partial.push({
      index: i,
      fraction,
      reason: `${e.name}: endpoints of weight ${bad.toString()} of ${all.toString()} behind the gateway fail, and it picks one per connection by weight with no outlier detection of its own (no DestinationRule on an ambient east-west gateway), so φ = ${bad.toString()}/${all.toString()} = ${percent(fraction)} ${what}${spread}`,
    });
  }
  return { whole, partial };
}
