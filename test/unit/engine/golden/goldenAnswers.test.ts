/**
 * Golden answers of the example snapshots: for every example × every profile × every (client, backend)
 * pair that resolves, the effective policy, four what-ifs (one endpoint ejected, one locality failed,
 * load 1.5, both together) and a load sweep; per example × profile the snapshot-wide analysis and the
 * outcome of every pair that does not resolve. Each answer is reduced to the sha256 of its canonical
 * JSON (keys sorted, computed here, never in src) and compared with `goldenAnswers.json`.
 *
 * The engine is reshaped without changing what it answers: a refactor that moves one share, one reason
 * string, one diagnostic or one ordering changes a digest here. Where an answer changes on purpose, the
 * commit that changes it updates this file (`npx vitest run -u test/unit/engine/golden`) and says why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  analyzeMesh,
  compileMesh,
  EngineError,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  PROFILES,
  resolvePath,
  type CompiledMesh,
  type MeshModel,
  type Profile,
  type ResolvedPath,
  type Scenario,
} from '../../../../src/engine/index.js';
import { exampleModel } from '../scenarios/harness.js';
import { BOOKINFO_PAIRS, DIAGNOSTIC_VARIANTS, HTTPBIN_PAIRS } from './diagnosticVariants.js';

const EXAMPLES = [
  'bookinfo-multicluster.yaml',
  'httpbin-after.yaml',
  'httpbin-before.yaml',
  'sidecar-client.yaml',
] as const;

const SWEEP_LOAD_FACTORS = [0.5, 1, 1.5, 2, 3] as const;
const RAISED_LOAD_FACTOR = 1.5;

/** JSON with object keys sorted at every depth, so a digest depends on values, not on key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries);
  });
}

const digest = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** Every reference a user could give as a client: pods, workloads, ingress and other gateways. */
function clientReferences(model: MeshModel): string[] {
  const refs = new Set<string>();
  for (const c of model.clusters) {
    for (const w of c.workloads) {
      refs.add(`${c.name}/${w.namespace}/${w.name}`);
      refs.add(`${c.name}/${w.namespace}/${w.workloadName}`);
    }
    for (const g of [...c.gateways, ...c.waypoints]) refs.add(`${c.name}/${g.namespace}/${g.name}`);
  }
  return [...refs].sort();
}

/** Every host a user could ask for as a backend: Services, global hosts, ServiceEntry hosts. */
function backendReferences(model: MeshModel): string[] {
  const hosts = new Set<string>();
  for (const c of model.clusters) {
    for (const s of c.services) {
      hosts.add(s.hostname);
      if (s.global !== undefined) hosts.add(s.global.hostname);
    }
    for (const se of c.serviceEntries) for (const h of se.hosts) hosts.add(h);
  }
  return [...hosts].sort();
}

/**
 * Scenarios built from the path itself, so each one bites: the first endpoint (by name) of the last hop
 * ejected; its zone (else its cluster) failed; load raised; both at once.
 */
function scenariosFor(path: ResolvedPath): readonly (readonly [string, Scenario])[] {
  const last = path.hops[path.hops.length - 1];
  const first = [...(last?.endpoints ?? [])].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )[0];
  const ejectEndpoints = first === undefined ? ['no-such-endpoint'] : [first.name];
  const l = first?.locality;
  const failLocalities =
    l !== undefined && l.region !== '' && l.zone !== ''
      ? [`${l.region}/${l.zone}`]
      : [`cluster:${first?.cluster ?? 'no-such-cluster'}`];
  return [
    ['eject', { ejectEndpoints }],
    ['failLocality', { failLocalities }],
    ['load', { loadFactor: RAISED_LOAD_FACTOR }],
    ['ejectUnderLoad', { ejectEndpoints, failLocalities, loadFactor: RAISED_LOAD_FACTOR }],
  ];
}

type PairDigests = Readonly<Record<string, string>>;

function pairAnswers(path: ResolvedPath): PairDigests {
  const out: Record<string, string> = { path: digest(path), policy: digest(evaluateEffectivePolicy(path)) };
  const scenarios = scenariosFor(path);
  for (const [label, scenario] of scenarios) {
    // The answer and its prose are pinned apart, so a change to the notes alone shows as such.
    const { notes, ...answer } = evaluateWhatIf(path, scenario);
    out[label] = digest(answer);
    out[`${label} notes`] = digest(notes);
  }
  const failLocality = scenarios.find(([label]) => label === 'failLocality')?.[1] ?? {};
  out['sweep'] = digest(evaluateSweep(path, failLocality, SWEEP_LOAD_FACTORS));
  return out;
}

type Pairs = readonly (readonly [client: string, backend: string])[];

/** Every client reference × every backend reference of the mesh. */
function everyPair(model: MeshModel): Pairs {
  const backends = backendReferences(model);
  return clientReferences(model).flatMap((client) => backends.map((backend) => [client, backend] as const));
}

function meshAnswers(
  name: string,
  mesh: CompiledMesh,
  profile: Profile,
  pairs: Pairs,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const unresolved: string[] = [];
  {
    for (const [client, backend] of pairs) {
      let path: ResolvedPath;
      try {
        path = resolvePath(mesh, { client, backend, profile });
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        unresolved.push(`${client} → ${backend}: ${error.code} ${error.message}`);
        continue;
      }
      out[`${name} ${profile} ${client} → ${backend}`] = pairAnswers(path);
    }
  }
  out[`${name} ${profile} analyze`] = digest(analyzeMesh(mesh, profile));
  out[`${name} ${profile} unresolved`] = { count: unresolved.length, digest: digest(unresolved) };
  return out;
}

function answersUnderEveryProfile(
  name: string,
  model: MeshModel,
  pairs: Pairs = everyPair(model),
): Record<string, unknown> {
  const mesh = compileMesh(model);
  const recorded: Record<string, unknown> = {};
  for (const profile of PROFILES) Object.assign(recorded, meshAnswers(name, mesh, profile, pairs));
  expect(Object.keys(recorded).length).toBeGreaterThan(PROFILES.length * 2);
  return recorded;
}

/** Each case takes 0.5–2 s alone; ten times that and more, so a busy machine cannot fail it. */
const GOLDEN_TIMEOUT_MS = 60_000;

const asFile = (recorded: Record<string, unknown>): string => `${JSON.stringify(recorded, null, 2)}\n`;

describe('golden answers', () => {
  it.each(EXAMPLES)(
    'examples/%s: every profile, every pair, every answer as recorded',
    async (file) => {
      await expect(asFile(answersUnderEveryProfile(file, exampleModel(file)))).toMatchFileSnapshot(
        `./goldenAnswers/${file.replace(/\.yaml$/, '')}.json`,
      );
    },
    GOLDEN_TIMEOUT_MS,
  );

  it(
    'meshes that raise every diagnostic: every profile, every pair, every answer as recorded',
    async () => {
      const recorded: Record<string, unknown> = {};
      for (const [name, build] of DIAGNOSTIC_VARIANTS) {
        const pairs = name.startsWith('bookinfo') ? BOOKINFO_PAIRS : HTTPBIN_PAIRS;
        Object.assign(recorded, answersUnderEveryProfile(name, build(), pairs));
      }
      await expect(asFile(recorded)).toMatchFileSnapshot('./goldenAnswers/diagnosticVariants.json');
    },
    GOLDEN_TIMEOUT_MS,
  );
});
