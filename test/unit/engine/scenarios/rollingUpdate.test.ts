/**
 * Golden scenario: a rolling update of a PreferClose service, built the way kubectl prints it.
 *
 * `examples/sidecar-client.yaml` (seed 003): the sidecar client `client/sleep` runs in us-east-1a; the
 * ambient backend `helloworld` (annotation `networking.istio.io/traffic-distribution: PreferClose`, no
 * waypoint) has one replica per zone: 2kxq7 (us-east-1a), m8r4t (1b), w6n9c (1c). The update adds `new01`
 * in us-east-1a and deletes 2kxq7: the EndpointSlice then lists four endpoints, 2kxq7 with
 * `ready: false, serving: true, terminating: true` and its pod carries a `deletionTimestamp`.
 *
 * Upstream (istio 1.30.3 / 1.31.0-rc.0): `endpointHealthStatus` reads 2kxq7 as TERMINATING, and
 * `filterIstioEndpoint` never sends a terminating endpoint, not even where unhealthy endpoints are sent
 * (1.31 `PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS`). The sidecar's us-east-1a priority therefore holds new01
 * alone. Before this was modelled, 2kxq7 was sent as UNHEALTHY and the answer showed a spill that never
 * happens: priority 0 = {new01 healthy, 2kxq7 unhealthy} → health min(100, 1.4 × 1/2 × 100) = 70 %.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import type { MeshModel, Profile } from '../../../../src/engine/model/meshModel.js';
import { parseUpload } from '../../../../src/ingest/index.js';
import { levels, policyOf, resolve, shares } from './harness.js';

const OLD = 'helloworld-7c4d8b9f6b-2kxq7';
const NEW = 'helloworld-7c4d8b9f6b-new01';
const B = 'helloworld-7c4d8b9f6b-m8r4t';
const C = 'helloworld-7c4d8b9f6b-w6n9c';
const CLIENT = 'client/sleep';
const BACKEND = 'helloworld.backend';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The conditions the slice writes for the old endpoint while the update runs. */
type OldConditions = Record<string, boolean>;

/** Parsing and re-parsing a snapshot takes about a second on a busy machine: ten times that, and more. */
const SCENARIO_TIMEOUT_MS = 60_000;

const EXAMPLE: readonly Obj[] = parseAllDocuments(
  readFileSync(new URL('../../../../examples/sidecar-client.yaml', import.meta.url), 'utf8'),
).map((d) => d.toJS() as Obj);

function rollingUpdate(old: OldConditions, publishNotReadyAddresses = false): MeshModel {
  const out: Obj[] = [];
  for (const doc of EXAMPLE) {
    if (publishNotReadyAddresses && doc.kind === 'Service' && doc.metadata.name === 'helloworld') {
      const svc: Obj = structuredClone(doc);
      svc.spec.publishNotReadyAddresses = true;
      out.push(svc);
      continue;
    }
    if (doc.kind === 'Pod' && doc.metadata.name === OLD) {
      const deleting = old.terminating !== false;
      const oldPod: Obj = structuredClone(doc);
      if (deleting) oldPod.metadata.deletionTimestamp = '2025-03-06T18:00:00Z';
      for (const c of oldPod.status.conditions as Obj[]) {
        if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = 'False';
      }
      const newPod: Obj = structuredClone(doc);
      newPod.metadata.name = NEW;
      newPod.metadata.uid = '0b5e7c1e-0000-4000-8000-00000000a001';
      newPod.status.podIP = '10.30.0.60';
      newPod.status.podIPs = [{ ip: '10.30.0.60' }];
      out.push(oldPod, newPod);
      continue;
    }
    if (doc.kind === 'EndpointSlice' && doc.metadata.name === 'helloworld-z5b1k') {
      const slice: Obj = structuredClone(doc);
      const endpoints = slice.endpoints as Obj[];
      const oldEp = endpoints.find((e) => e.targetRef.name === OLD) as Obj;
      const newEp: Obj = structuredClone(oldEp);
      oldEp.conditions = old;
      newEp.addresses = ['10.30.0.60'];
      newEp.targetRef = { ...newEp.targetRef, name: NEW, uid: '0b5e7c1e-0000-4000-8000-00000000a001' };
      endpoints.push(newEp);
      out.push(slice);
      continue;
    }
    out.push(doc);
  }
  const body = Buffer.from(out.map((d) => stringify(d)).join('---\n'));
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name: 'rolling-update' } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.snapshot.model;
}

const TERMINATING = { ready: false, serving: true, terminating: true };
/** A slice written by an older controller: `terminating` left out. istiod reads nil as terminating. */
const TERMINATING_UNSET = { ready: false };
/** Readiness lost without deletion: not terminating, so 1.31 sends it as UNHEALTHY. */
const NOT_READY = { ready: false, serving: false, terminating: false };
/** Serving but not ready (a pod whose readiness gate is pending): `serving` decides nothing without persistent sessions. */
const SERVING_NOT_READY = { ready: false, serving: true, terminating: false };
/**
 * What the EndpointSlice controller writes for the deleted pod when the Service sets
 * `publishNotReadyAddresses` (`podToEndpoint`: ready = publishNotReadyAddresses || (serving && !terminating)).
 */
const PUBLISHED_TERMINATING = { ready: true, serving: false, terminating: true };

describe('why each endpoint is in or out, as the answer states it', () => {
  it.each<[string, OldConditions, boolean, Profile, boolean, RegExp]>([
    // endpointHealthStatus → TERMINATING; filterIstioEndpoint never sends it.
    ['terminating', TERMINATING, false, 'ISTIO_1_31', false, /terminating .*never sends terminating/],
    [
      'terminating left unset',
      TERMINATING_UNSET,
      false,
      'ISTIO_1_31',
      false,
      /absent terminating .* as true/,
    ],
    // UNHEALTHY, sent by 1.31's auto flag (PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS).
    ['not ready (1.31)', NOT_READY, false, 'ISTIO_1_31', true, /^not ready \(ready: false/],
    [
      'serving, not ready (1.31)',
      SERVING_NOT_READY,
      false,
      'ISTIO_1_31',
      true,
      /serving: true, terminating: false/,
    ],
    // ready: true as the controller writes it → HEALTHY, sent like any ready endpoint.
    [
      'publishNotReadyAddresses',
      PUBLISHED_TERMINATING,
      true,
      'ISTIO_1_31',
      true,
      /^ready \(ready: true\): sent/,
    ],
  ])(
    '%s → held %s',
    (_name, old, publish, profile, held, reason) => {
      const policy = policyOf(resolve(rollingUpdate(old, publish), CLIENT, BACKEND, profile));
      const endpoints = policy.hops[policy.hops.length - 1]?.endpoints ?? [];
      const oldEndpoint = endpoints.find((e) => e.name === OLD);
      expect(oldEndpoint?.held).toBe(held);
      expect(oldEndpoint?.stateReason).toMatch(reason);
      // The new replica is ready and always held.
      expect(endpoints.find((e) => e.name === NEW)?.held).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

describe('rolling update of a PreferClose service: one of four endpoints terminating', () => {
  it.each<[string, OldConditions, Profile, Record<string, number>]>([
    // 2kxq7 is not in EDS: priority 0 (us-east-1a) = {new01}, healthy 1/1 → 100 % of the traffic.
    ['terminating (1.31)', TERMINATING, 'ISTIO_1_31', { [NEW]: 100, [B]: 0, [C]: 0 }],
    ['terminating (1.30)', TERMINATING, 'ISTIO_1_30', { [NEW]: 100, [B]: 0, [C]: 0 }],
    // `Terminating == nil` on a not-ready endpoint counts as terminating: the same answer.
    ['terminating left unset (1.31)', TERMINATING_UNSET, 'ISTIO_1_31', { [NEW]: 100, [B]: 0, [C]: 0 }],
    // Not terminating: sent as UNHEALTHY (PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS, panic disabled), so priority
    // 0 = {new01, 2kxq7} is 1/2 healthy: health = min(100, 1.4 × 50) = 70 % stays in us-east-1a; the other
    // 30 % spills to priority 1 (us-east-1b and 1c, same region), 15 % each (equal weights).
    ['not ready, not terminating (1.31)', NOT_READY, 'ISTIO_1_31', { [NEW]: 70, [OLD]: 0, [B]: 15, [C]: 15 }],
    // Serving but not ready reads the same: `serving` only matters to persistent-session services
    // (DRAINING); otherwise not ready and not terminating → UNHEALTHY, the same 70 / 15 / 15.
    ['serving, not ready (1.31)', SERVING_NOT_READY, 'ISTIO_1_31', { [NEW]: 70, [OLD]: 0, [B]: 15, [C]: 15 }],
    // 1.30 has no auto flag, but a Service with a traffic distribution forces unhealthy endpoints
    // (`unhealthyEndpointSupport`: mode ≠ Any), so 1.30 sends it as UNHEALTHY too: the same 70 / 15 / 15.
    ['serving, not ready (1.30)', SERVING_NOT_READY, 'ISTIO_1_30', { [NEW]: 70, [OLD]: 0, [B]: 15, [C]: 15 }],
    // publishNotReadyAddresses: the controller writes ready: true for the deleted pod, istiod reads ready →
    // HEALTHY and sends it: priority 0 = {new01, 2kxq7}, 2 of 2 healthy → 100 %, 50 % each (equal weights).
    [
      'publishNotReadyAddresses (1.31)',
      PUBLISHED_TERMINATING,
      'ISTIO_1_31',
      { [NEW]: 50, [OLD]: 50, [B]: 0, [C]: 0 },
    ],
  ])(
    '%s',
    (name, old, profile, expected) => {
      const publish = name.startsWith('publishNotReadyAddresses');
      const path = resolve(rollingUpdate(old, publish), CLIENT, BACKEND, profile);
      const policy = policyOf(path);
      const hop = policy.hops[policy.hops.length - 1];
      const got = shares(hop);
      for (const [name, share] of Object.entries(expected)) expect(got[name] ?? 0).toBeCloseTo(share, 6);
      const oldEndpoint = path.hops[path.hops.length - 1]?.endpoints.find((e) => e.name === OLD);
      if (publish) {
        expect(oldEndpoint?.health).toBe('HEALTHY');
      } else if (old === NOT_READY || old === SERVING_NOT_READY) {
        expect(oldEndpoint?.health).toBe('UNHEALTHY');
      } else {
        // Listed for explanation, held by no proxy, with istiod's reason.
        expect(oldEndpoint?.health).toBe('EXCLUDED');
        expect(oldEndpoint?.priorityReason).toMatch(/terminating.*never sends terminating endpoints/);
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'priority levels agree with the endpoints: level 0 holds new01 alone while 2kxq7 terminates',
    () => {
      const policy = policyOf(resolve(rollingUpdate(TERMINATING), CLIENT, BACKEND, 'ISTIO_1_31'));
      const hop = policy.hops[policy.hops.length - 1];
      // [level, endpoints, healthy, healthPercent, loadPercent, panic]: 1 of 1 healthy → 100 % load.
      expect(levels(hop)[0]?.slice(0, 5)).toEqual([0, 1, 1, 100, 100]);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
