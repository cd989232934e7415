/**
 * Fuzz inputs and the properties every response must keep, shared by the fast fuzz tests (here, part of
 * `npm test`) and the long runs in `test/slow/`. The properties: never a 5xx, never slower than a per-request
 * bound, every rejection an RFC 9457 problem with a `code`, and a rejected upload leaves the database as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generateMesh } from '../../../bench/generateMesh.js';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { signSlackRequest } from '../../../src/slack/verifySlackSignature.js';

/**
 * Far above any honest small request on a busy 2-core machine (the slowest, a small mesh upload, takes well
 * under a second idle); a hang or a quadratic blow-up exceeds it.
 */
export const REQUEST_BOUND_MS = 30_000;

/**
 * Fuzz runs are reproducible by default (CI must not turn red on a seed nobody can replay); set
 * SPILLWAY_FUZZ_SEED to explore other seeds. A failing run prints its seed and path for replay.
 */
export function fuzzSeed(fallback: number): number {
  const given = Number(process.env['SPILLWAY_FUZZ_SEED']);
  return Number.isInteger(given) && given !== 0 ? given : fallback;
}
export const SLACK_SECRET = 'fuzz-signing-secret-0123456789';
export const SNAPSHOT_TABLES = ['snapshots', 'snapshot_documents', 'snapshot_models'] as const;

export interface FuzzApp {
  readonly app: FastifyInstance;
  readonly dbPath: string;
  /** Rows per table, read through a separate connection (what another process would see). */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/** An app on a temp-file database with limits set so the fuzzer reaches the parser, not the rate limiter. */
export async function buildFuzzApp(env: Readonly<Record<string, string>> = {}): Promise<FuzzApp> {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-fuzz-'));
  const dbPath = join(dir, 'spillway.db');
  const fetchImpl: typeof fetch = () => Promise.resolve(new Response('ok', { status: 200 }));
  const app = await buildApp(
    testConfig({
      SPILLWAY_DB_PATH: dbPath,
      SPILLWAY_UPLOAD_RATE_PER_MINUTE: '100000',
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SPILLWAY_SLACK_RESPONSE_RETRIES: '0',
      ...env,
    }),
    { fetchImpl },
  );
  const reader = new Database(dbPath, { readonly: true, fileMustExist: true });
  const statements = SNAPSHOT_TABLES.map(
    (table) => [table, reader.prepare(`select count(*) as n from ${table}`)] as const,
  );
  return {
    app,
    dbPath,
    counts: () =>
      Object.fromEntries(
        statements.map(([table, statement]) => [table, (statement.get() as { n: number }).n]),
      ),
    close: async () => {
      reader.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `send` and fails when it takes longer than the bound (a hang shows up as a failed property). */
export async function bounded(send: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`request exceeded ${REQUEST_BOUND_MS} ms`)), REQUEST_BOUND_MS);
  });
  try {
    const response = await Promise.race([send(), timeout]);
    const elapsed = performance.now() - started;
    if (elapsed > REQUEST_BOUND_MS) throw new Error(`request took ${Math.round(elapsed)} ms`);
    return response;
  } finally {
    clearTimeout(timer);
  }
}

// --- Upload inputs -----------------------------------------------------------------------------------

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const labelValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
const labels = fc.dictionary(
  fc.oneof(
    fc.constantFrom('app', 'istio.io/dataplane-mode', 'istio.io/use-waypoint', 'topology.kubernetes.io/zone'),
    fc.string({ maxLength: 12 }),
  ),
  labelValue,
  { maxKeys: 4 },
);
const metadata = fc.record(
  {
    name: fc.oneof(name, fc.string({ maxLength: 30 })),
    namespace: fc.option(name, { nil: undefined }),
    labels: fc.option(labels, { nil: undefined }),
  },
  { requiredKeys: ['name'] },
);

const kubeObject = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata,
    spec: fc.record({
      selector: fc.option(labels, { nil: undefined }),
      ports: fc.array(
        fc.record({
          port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.string({ maxLength: 5 })),
          targetPort: fc.option(fc.integer(), { nil: undefined }),
        }),
        { maxLength: 3 },
      ),
      trafficDistribution: fc.option(
        fc.constantFrom('PreferClose', 'PreferSameZone', 'PreferSameNode', 'bogus'),
        { nil: undefined },
      ),
    }),
  }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Pod'),
    metadata,
    spec: fc.record({
      nodeName: fc.option(name, { nil: undefined }),
      containers: fc.array(fc.record({ name }), { maxLength: 2 }),
    }),
    status: fc.record({
      phase: fc.constantFrom('Running', 'Pending', 'Failed'),
      podIP: fc.oneof(fc.ipV4(), fc.string({ maxLength: 8 })),
    }),
  }),
  fc.record({
    apiVersion: fc.constantFrom(
      'networking.istio.io/v1',
      'networking.istio.io/v1beta1',
      'networking.istio.io/v9',
    ),
    kind: fc.constant('DestinationRule'),
    metadata,
    spec: fc.record({
      host: fc.oneof(name, fc.string({ maxLength: 20 })),
      trafficPolicy: fc.record({
        outlierDetection: fc.record({
          consecutive5xxErrors: fc.oneof(fc.integer(), fc.double()),
          interval: fc.oneof(
            fc.constantFrom('10s', '1m', '0.5s', '-1s', 'forever'),
            fc.string({ maxLength: 6 }),
          ),
          maxEjectionPercent: fc.integer({ min: -10, max: 200 }),
        }),
        loadBalancer: fc.record({
          localityLbSetting: fc.record({
            failoverPriority: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
            distribute: fc.array(
              fc.record({
                from: fc.string({ maxLength: 10 }),
                to: fc.dictionary(fc.string({ maxLength: 8 }), fc.integer({ min: -1, max: 120 }), {
                  maxKeys: 3,
                }),
              }),
              { maxLength: 2 },
            ),
          }),
        }),
      }),
    }),
  }),
  fc.record({
    apiVersion: fc.constantFrom('gateway.networking.k8s.io/v1', 'v1'),
    kind: fc.constantFrom(
      'Gateway',
      'EndpointSlice',
      'Deployment',
      'ReplicaSet',
      'Node',
      'List',
      'MeshSnapshot',
    ),
    metadata,
  }),
  fc.object({ maxDepth: 3, maxKeys: 5 }),
);

/** Snippets that stress YAML parsers: aliases and merge keys, tags, odd numbers, deep nesting, directives. */
export const YAML_EDGE_CASES: readonly string[] = [
  'base: &b {apiVersion: v1, kind: Namespace}\nobj:\n  <<: *b\n  metadata: {name: merged}\n',
  'apiVersion: v1\nkind: Namespace\nmetadata: &m {name: a}\nother: *m\n',
  '- &a [x, x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n- [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
  'a: &a\n  b: *a\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: !!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5OTk6enp56enmleECcgggoBADs=\n',
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: !!js/function "function () { return 1 }"}\n',
  '!!python/object/apply:os.system ["true"]\n',
  'apiVersion: !custom v1\nkind: !<tag:example.com,2000:kind> Namespace\nmetadata: {name: t}\n',
  'apiVersion: v1\nkind: Service\nmetadata: {name: big}\nspec: {ports: [{port: 123456789012345678901234567890}]}\n',
  'apiVersion: v1\nkind: Service\nmetadata: {name: inf}\nspec: {ports: [{port: .inf}, {port: -.inf}, {port: .nan}, {port: 1e999}, {port: 0x1F}, {port: 0o17}]}\n',
  '%YAML 1.1\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: yes}\n',
  '%TAG ! tag:example.com,2000:\n--- !foo\napiVersion: v1\n',
  '--- !!set\n? a\n? b\n',
  '? [complex, key]\n: value\n',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: tabs\n',
  'apiVersion: v1\nkind: Namespace\nkind: Service\n',
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: ends}\n...\n---\n...\n',
  '---\n---\n---\n',
  '"unterminated\n',
  '[1, 2\n',
  '{a: 1, b: [}\n',
  'key: "\\uD800"\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: "é✓\u{1F600}"}\n',
  '[]\n',
  '{}\n',
  'null\n',
  '42\n',
  '"just a string"\n',
  `${'- '.repeat(200)}x\n`,
  `${'['.repeat(3000)}${']'.repeat(3000)}\n`,
  `${'{"a":'.repeat(300)}1${'}'.repeat(300)}\n`,
  `a: ${'x'.repeat(200_000)}\n`,
];

const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xe2, 0x28, 0xa1]),
  Buffer.from([0xf0, 0x28, 0x8c, 0xbc]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc0, 0xaf]),
);

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const smallMesh = generateMesh({ services: 3, replicas: 2, seed: 11 }).text;

export type UploadCase = { readonly contentType: string; readonly body: Buffer; readonly query: string };

function toText(objects: readonly unknown[], style: 'yaml-json' | 'json-array' | 'list'): string {
  switch (style) {
    case 'yaml-json':
      return objects.map((o) => JSON.stringify(o)).join('\n---\n');
    case 'json-array':
      return JSON.stringify(objects);
    case 'list':
      return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
    default: {
      const exhaustive: never = style;
      return exhaustive;
    }
  }
}

/** Byte-level mutations of a valid upload: cut, splice, flip, duplicate. */
const mutatedMesh = fc
  .array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('cut', 'insert', 'flip', 'dup', 'truncate'),
      bytes: fc.uint8Array({ maxLength: 16 }),
      len: fc.integer({ min: 1, max: 400 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((mutations) => {
    let body = Buffer.from(smallMesh);
    for (const m of mutations) {
      const at = m.at % Math.max(1, body.length);
      switch (m.kind) {
        case 'cut':
          body = Buffer.concat([body.subarray(0, at), body.subarray(at + m.len)]);
          break;
        case 'insert':
          body = Buffer.concat([body.subarray(0, at), Buffer.from(m.bytes), body.subarray(at)]);
          break;
        case 'flip':
          if (body.length > 0) body[at] = (body[at] ?? 0) ^ (1 << (m.len % 8));
          break;
        case 'dup':
          body = Buffer.concat([body.subarray(0, at + m.len), body.subarray(at)]);
          break;
        case 'truncate':
          body = body.subarray(0, at);
          break;
        default:
          break;
      }
    }
    return body;
  });

const transforms = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  invalid: fc.option(invalidUtf8, { nil: undefined }),
  at: fc.nat(),
});

function transform(
  text: string | Buffer,
  t: { bom: boolean; crlf: boolean; invalid: Buffer | undefined; at: number },
): Buffer {
  let body = Buffer.isBuffer(text) ? text : Buffer.from(t.crlf ? text.replaceAll('\n', '\r\n') : text);
  if (t.invalid) {
    const at = t.at % (body.length + 1);
    body = Buffer.concat([body.subarray(0, at), t.invalid, body.subarray(at)]);
  }
  return t.bom ? Buffer.concat([BOM, body]) : body;
}

const contentType = fc.constantFrom(
  'application/yaml',
  'application/json',
  'text/yaml',
  'application/x-yaml',
  'application/json; charset=utf-8',
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?name=fuzz&cluster=c1&network=n1'),
  fc
    .record({
      name: fc.string({ maxLength: 30 }),
      profile: fc.constantFrom('SOLO', 'ISTIO_1_30', 'ISTIO_1_31', 'BOGUS', ''),
    })
    .map(({ name: n, profile }) => `?name=${encodeURIComponent(n)}&profile=${profile}`),
);

export const uploadCase: fc.Arbitrary<UploadCase> = fc
  .tuple(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            fc.array(kubeObject, { maxLength: 5 }),
            fc.constantFrom<'yaml-json' | 'json-array' | 'list'>('yaml-json', 'json-array', 'list'),
          )
          .map(([objs, style]) => toText(objs, style)),
      },
      { weight: 3, arbitrary: fc.constantFrom(...YAML_EDGE_CASES) },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.constantFrom(...YAML_EDGE_CASES), { minLength: 2, maxLength: 4 })
          .map((parts) => parts.join('---\n')),
      },
      { weight: 3, arbitrary: mutatedMesh },
      // Intact meshes keep the storing path in every run, whatever the random seed.
      {
        weight: 2,
        arbitrary: fc
          .integer({ min: 1, max: 10_000 })
          .map((seed) => generateMesh({ services: 2, replicas: 2, seed }).text),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    ),
    transforms,
    contentType,
    query,
  )
  .map(([text, t, type, q]) => ({ contentType: type, body: transform(text, t), query: q }));

/** Sends one upload and checks the response and the database; returns the status for statistics. */
export async function checkUpload(fuzz: FuzzApp, c: UploadCase): Promise<number> {
  const before = fuzz.counts();
  const response = await bounded(() =>
    fuzz.app.inject({
      method: 'POST',
      url: `/v1/snapshots${c.query}`,
      headers: { 'content-type': c.contentType },
      payload: c.body,
    }),
  );
  const after = fuzz.counts();
  if (response.statusCode >= 500) throw new Error(`5xx for upload: ${response.statusCode} ${response.body}`);
  if (response.statusCode >= 400) {
    assertProblem(response);
    if (JSON.stringify(after) !== JSON.stringify(before))
      throw new Error(
        `database changed after a rejected upload: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
  } else if (response.statusCode === 201) {
    for (const table of SNAPSHOT_TABLES) {
      if (after[table] !== (before[table] ?? 0) + 1)
        throw new Error(`201 but ${table} went ${before[table]} → ${after[table]}`);
    }
  } else if (response.statusCode === 200) {
    if (JSON.stringify(after) !== JSON.stringify(before))
      throw new Error('200 (existing snapshot) but the database changed');
  } else {
    throw new Error(`unexpected status ${response.statusCode}`);
  }
  return response.statusCode;
}

export function assertProblem(response: LightMyRequestResponse): void {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    throw new Error(
      `rejection without problem+json (${response.statusCode}, ${type}): ${response.body.slice(0, 300)}`,
    );
  const body = response.json<Record<string, unknown>>();
  if (typeof body['code'] !== 'string' || body['status'] !== response.statusCode)
    throw new Error(`problem without code/status: ${response.body.slice(0, 300)}`);
}

// --- GraphQL inputs -----------------------------------------------------------------------------------

export interface GraphqlWorld {
  readonly snapshots: readonly string[];
  readonly clients: readonly string[];
  readonly backends: readonly string[];
  readonly endpoints: readonly string[];
}

/** Uploads a small generated mesh and returns names that exist in it, so the fuzzer also reaches deep paths. */
export async function seedWorld(app: FastifyInstance): Promise<GraphqlWorld> {
  const mesh = generateMesh({ services: 8, replicas: 3, seed: 5 });
  const response = await app.inject({
    method: 'POST',
    url: `/v1/snapshots?${mesh.query}`,
    headers: { 'content-type': 'application/yaml' },
    payload: mesh.text,
  });
  if (response.statusCode !== 201)
    throw new Error(`seed upload failed: ${response.statusCode} ${response.body.slice(0, 500)}`);
  const snapshot = response.json<{ id: string; name: string }>();
  const pods = mesh.clusters.flatMap((c) =>
    c.resources.filter((r) => r['kind'] === 'Pod').map((r) => (r['metadata'] as { name: string }).name),
  );
  return {
    snapshots: [snapshot.id, snapshot.name, 'latest'],
    clients: mesh.sample.clients,
    backends: mesh.sample.backends,
    endpoints: pods.slice(0, 10),
  };
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '/', '//', 'a/b/c/d', '*', '%00', '../..', 'latest', 'x'.repeat(5000)),
);
const mutate = (values: readonly string[]): fc.Arbitrary<string> =>
  values.length === 0
    ? junk
    : fc.oneof(
        fc.constantFrom(...values),
        fc
          .tuple(fc.constantFrom(...values), fc.nat(), junk)
          .map(([v, at, j]) => v.slice(0, at % (v.length + 1)) + j),
        junk,
      );

const number = fc.oneof(
  fc.double(),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.constantFrom(0, -1, 1, 1.5, 1e308, -1e308, 5e-324),
  fc.integer(),
);

export function graphqlCase(
  world: GraphqlWorld,
): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const snapshot = mutate(world.snapshots);
  const client = mutate(world.clients);
  const backend = mutate(world.backends);
  const profile = fc.option(fc.oneof(fc.constantFrom('SOLO', 'ISTIO_1_30', 'ISTIO_1_31'), junk), {
    nil: undefined,
  });
  const scenario = fc.record(
    {
      ejectEndpoints: fc.array(mutate(world.endpoints), { maxLength: 5 }),
      loadFactor: number,
      failLocalities: fc.array(
        fc.oneof(
          fc.constantFrom(
            'us-east-1',
            'us-east-1/us-east-1a',
            'cluster:cluster-1',
            'us-east-1/us-east-1b/sub',
            'cluster:',
          ),
          junk,
        ),
        { maxLength: 3 },
      ),
      overprovisioningFactor: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer()),
    },
    { requiredKeys: [] },
  );
  const policyFields =
    'profile hops { to layer loadBalancer panicThresholdPercent priorities { level healthPercent loadPercent panic } endpoints { name sharePercent } } diagnostics { code severity }';
  return fc.oneof(
    fc.record({ s: snapshot, c: client, b: backend, p: profile }).map(({ s, c, b, p }) => ({
      query: `query Q($s: String!, $c: String!, $b: String!, $p: Profile) { effectivePolicy(snapshot: $s, client: $c, backend: $b, profile: $p) { ${policyFields} } }`,
      variables: { s, c, b, ...(p === undefined ? {} : { p }) },
    })),
    fc
      .record({ s: snapshot, c: client, b: backend, sc: scenario, from: number, to: number, step: number })
      .map(({ s, c, b, sc, from, to, step }) => ({
        query: `query W($s: String!, $c: String!, $b: String!, $sc: ScenarioInput!, $from: Float, $to: Float, $step: Float) { whatIf(snapshot: $s, client: $c, backend: $b, scenario: $sc) { errorPercent overflowPercent ejections { endpoint outcome } scenario { hops { endpoints { name sharePercent } } } sweep(from: $from, to: $to, step: $step) { loadFactor } } }`,
        variables: { s, c, b, sc, from, to, step },
      })),
    fc.record({ s: snapshot, p: profile }).map(({ s, p }) => ({
      query:
        'query A($s: String!, $p: Profile) { analyze(snapshot: $s, profile: $p) { code severity message } }',
      variables: { s, ...(p === undefined ? {} : { p }) },
    })),
    fc
      .record({
        s: snapshot,
        first: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1000)),
        after: fc.option(junk, { nil: undefined }),
      })
      .map(({ s, first, after }) => ({
        query:
          'query S($s: String!, $first: Int, $after: String) { snapshot(ref: $s) { id name } snapshots(first: $first, after: $after) { edges { node { id } } } }',
        variables: { s, first, ...(after === undefined ? {} : { after }) },
      })),
    // Wrong variable types and free-form garbage where the schema expects strings.
    fc
      .record({ s: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())) })
      .map(({ s }) => ({
        query: 'query A($s: String!) { analyze(snapshot: $s) { code } }',
        variables: { s },
      })),
  );
}

export async function checkGraphql(
  app: FastifyInstance,
  c: { query: string; variables: Record<string, unknown> },
): Promise<void> {
  const response = await bounded(() =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: c,
    }),
  );
  if (response.statusCode >= 500)
    throw new Error(`5xx from GraphQL: ${response.statusCode} ${response.body.slice(0, 500)}`);
  const body = response.json<{ errors?: { message: string; extensions?: { code?: unknown } }[] }>();
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string')
      throw new Error(`GraphQL error without extensions.code: ${JSON.stringify(error)}`);
    if (code === 'INTERNAL_SERVER_ERROR')
      throw new Error(`internal error for ${JSON.stringify(c.variables).slice(0, 300)}: ${error.message}`);
  }
}

// --- Slack inputs -------------------------------------------------------------------------------------

export function slackText(world: GraphqlWorld): fc.Arbitrary<string> {
  const word = fc.oneof(
    fc.constantFrom('help', 'snapshots', 'policy', 'whatif', 'eject', 'load', 'fail', '@latest', ''),
    mutate(world.clients),
    mutate(world.backends),
    mutate(world.snapshots).map((s) => `@${s}`),
    number.map(String),
    junk,
  );
  return fc.oneof(
    fc.array(word, { maxLength: 8 }).map((words) => words.join(' ')),
    fc
      .tuple(
        fc.constantFrom('policy', 'whatif'),
        mutate(world.clients),
        mutate(world.backends),
        fc.array(word, { maxLength: 6 }),
      )
      .map((parts) => parts.flat().join(' ')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

export async function checkSlack(app: FastifyInstance, text: string): Promise<void> {
  const form = new URLSearchParams({
    command: '/spillway',
    text,
    team_id: 'T0001',
    user_id: 'U0001',
    channel_id: 'C0001',
    response_url: 'https://hooks.slack.com/commands/T0001/1/fuzz',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await bounded(() =>
    app.inject({
      method: 'POST',
      url: '/v1/slack/commands',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(SLACK_SECRET, timestamp, form),
      },
      payload: form,
    }),
  );
  if (response.statusCode >= 500)
    throw new Error(
      `5xx from Slack command ${JSON.stringify(text)}: ${response.statusCode} ${response.body.slice(0, 300)}`,
    );
}
