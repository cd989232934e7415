import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import {
  buildTestApp,
  exampleText,
  expectProblem,
  graphql,
  postSnapshot,
  uploadExample,
} from '../../helpers/buildTestApp.js';
import { sharedDatabaseEnv, tableCounts, TEST_DRIVER } from '../../helpers/testDatabase.js';

/**
 * Waits until `condition` holds: another replica learns of a write by NOTIFY (milliseconds) or, at worst,
 * by its catalogue poll (SPILLWAY_CATALOGUE_POLL_MS, 500 ms by default). The bound is 20× that worst case.
 */
async function until(condition: () => Promise<boolean>, boundMs = 10_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${boundMs} ms`);
    await sleep(20);
  }
}

const NAMESPACE = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop', labels: { 'istio.io/dataplane-mode': 'ambient' } },
};
const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { selector: { app: 'cart' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
const yamlOf = (...docs: object[]): string => docs.map((d) => JSON.stringify(d)).join('\n---\n');

describe('POST /v1/snapshots formats', () => {
  it.each([
    ['multi-document YAML', 'application/yaml', yamlOf(NAMESPACE, SERVICE)],
    ['JSON array', 'application/json', JSON.stringify([NAMESPACE, SERVICE])],
    [
      'kind: List (YAML)',
      'application/yaml',
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [NAMESPACE, SERVICE] }),
    ],
    [
      'kind: List (JSON)',
      'application/json',
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [NAMESPACE, SERVICE] }),
    ],
    [
      'MeshSnapshot bundle',
      'application/yaml',
      JSON.stringify({
        apiVersion: 'spillway.dev/v1alpha1',
        kind: 'MeshSnapshot',
        metadata: { name: 'bundle' },
        spec: {
          profile: 'ISTIO_1_31',
          clusters: [{ name: 'east', network: 'net-east', resources: [NAMESPACE, SERVICE] }],
        },
      }),
    ],
  ])('%s is accepted and counted', async (label, contentType, payload) => {
    const app = await buildTestApp();
    // A bundle names its own clusters; the cluster parameter is for plain uploads only.
    const url = label === 'MeshSnapshot bundle' ? '/v1/snapshots' : '/v1/snapshots?name=t&cluster=east';
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.id).toMatch(/^snp_/);
    expect(response.headers.location).toBe(`/v1/snapshots/${body.id}`);
    const perCluster = Object.values(body.counts as Record<string, Record<string, number>>)[0];
    expect(perCluster).toMatchObject({ Namespace: 1, Service: 1 });
  });

  it('takes name, cluster, network and profile from the query of a plain upload', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?name=shop-east&cluster=east&network=net1&profile=ISTIO_1_30',
      headers: { 'content-type': 'application/yaml' },
      payload: yamlOf(NAMESPACE),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'shop-east',
      profile: 'ISTIO_1_30',
      clusters: [{ name: 'east', network: 'net1' }],
    });
  });

  it('lists other kinds as ignored, never as an error', async () => {
    const app = await buildTestApp();
    const configMap = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'shop' } };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/yaml' },
      payload: yamlOf(NAMESPACE, configMap, cron),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().ignored).toMatchObject({ Secret: 1, CronJob: 1 });
  });
});

describe('every bundled example loads with no errors', () => {
  it.each([
    'httpbin-before.yaml',
    'httpbin-after.yaml',
    'bookinfo-multicluster.yaml',
    'sidecar-client.yaml',
  ] as const)('%s', async (file) => {
    const app = await buildTestApp();
    const snapshot = await uploadExample(app, file);
    const diagnostics = snapshot['diagnostics'] as { severity: string }[];
    expect(diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
  });
});

describe('hostile and invalid input is refused and stores nothing', () => {
  const aliasBomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  ].join('\n');
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const manyDocs = Array.from(
    { length: 60 },
    (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns${i}`,
  ).join('\n---\n');
  const nonStringLabel =
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio.io/global: true\n';

  it.each([
    ['alias bomb', 'application/yaml', aliasBomb, 422, {}],
    ['deep nesting', 'application/json', deep, 422, {}],
    [
      'more documents than the limit',
      'application/yaml',
      manyDocs,
      413,
      { SPILLWAY_UPLOAD_MAX_DOCUMENTS: '50' },
    ],
    ['binary garbage', 'application/yaml', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x92, 0x00, 0x13]), 422, {}],
    ['NUL bytes in text', 'application/yaml', 'apiVersion: v1\u0000kind: Namespace', 422, {}],
    ['non-string label value', 'application/yaml', nonStringLabel, 422, {}],
    ['YAML syntax error', 'application/yaml', 'apiVersion: v1\nkind: [Namespace', 422, {}],
    ['empty body', 'application/yaml', '', 422, {}],
    [
      'body over the limit',
      'application/yaml',
      `# ${'x'.repeat(5000)}\n${yamlOf(NAMESPACE)}`,
      413,
      { SPILLWAY_UPLOAD_MAX_BYTES: '4096' },
    ],
  ])('%s → %s with a problem body', async (label, contentType, payload, status, env) => {
    const app = await buildTestApp(env);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': contentType },
      payload,
    });
    const body = expectProblem(response, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_UPLOAD');
    if (label !== 'body over the limit')
      expect(Array.isArray(body['problems']) && (body['problems'] as unknown[]).length > 0).toBe(true);
    expect(await app.spillway.snapshots.count()).toBe(0);
  });

  it('reports every problem at once with document index, object identity and pointer', async () => {
    const app = await buildTestApp();
    const badService = { ...SERVICE, spec: { ...SERVICE.spec, ports: [{ port: 'eighty' }] } };
    const badNamespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ok', labels: { flag: true } },
    };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify([NAMESPACE, badService, badNamespace]),
    });
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    const problems = body['problems'] as {
      documentIndex?: number;
      kind?: string;
      name?: string;
      pointer: string;
    }[];
    expect(
      problems.some(
        (p) =>
          p.documentIndex === 1 &&
          p.kind === 'Service' &&
          p.name === 'cart' &&
          p.pointer.includes('/spec/ports/0'),
      ),
    ).toBe(true);
    expect(
      problems.some(
        (p) => p.documentIndex === 2 && p.kind === 'Namespace' && p.pointer.includes('/metadata/labels'),
      ),
    ).toBe(true);
  });

  it('rejects duplicate objects', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/yaml' },
      payload: yamlOf(NAMESPACE, NAMESPACE),
    });
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    expect(JSON.stringify(body['problems'])).toContain('DUPLICATE');
  });

  it('rejects an unknown profile with the upload’s other parameter checks, naming the profiles', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?profile=ENVOY',
      headers: { 'content-type': 'application/yaml' },
      payload: yamlOf(NAMESPACE),
    });
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    expect(body['problems']).toEqual([
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        parameter: 'profile',
        message: 'profile "ENVOY" is not one of SOLO, ISTIO_1_30, ISTIO_1_31.',
      }),
    ]);
    expect(await app.spillway.snapshots.count()).toBe(0);
  });

  it('rejects an unsupported media type', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe(`storage (${TEST_DRIVER})`, () => {
  const ONE_OF_EACH = { snapshots: 1, snapshot_documents: 1, snapshot_models: 1, snapshot_names: 1 };

  /** Two apps over one database: two replicas on PostgreSQL, two processes on one SQLite file. */
  async function replicas(count: number, shared?: Record<string, string>): Promise<FastifyInstance[]> {
    const env = shared ?? (await sharedDatabaseEnv());
    const apps: FastifyInstance[] = [];
    for (let i = 0; i < count; i += 1) apps.push(await buildApp(testConfig(env)));
    onTestFinished(async () => {
      for (const app of apps) await app.close();
    });
    return apps;
  }

  it('the same content twice answers 200 with the existing snapshot and keeps one row', async () => {
    const env = await sharedDatabaseEnv();
    const app = await buildTestApp(env);
    const first = await postSnapshot(app, 'name=a', exampleText('httpbin-before.yaml'));
    const second = await postSnapshot(app, 'name=a', exampleText('httpbin-before.yaml'));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(await tableCounts(env)).toEqual(ONE_OF_EACH);
  });

  it('GET document returns the upload byte for byte; delete removes everything of the snapshot', async () => {
    const env = await sharedDatabaseEnv();
    const app = await buildTestApp(env);
    const text = exampleText('httpbin-after.yaml');
    const created = (await postSnapshot(app, '', text)).json();
    await uploadExample(app, 'httpbin-before.yaml');
    const document = await app.inject({ method: 'GET', url: `/v1/snapshots/${created.id}/document` });
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-type']).toContain('application/yaml');
    expect(document.body).toBe(text);

    const deleted = await app.inject({ method: 'DELETE', url: `/v1/snapshots/${created.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await tableCounts(env)).toEqual(ONE_OF_EACH);
    for (const request of [
      { method: 'GET', url: `/v1/snapshots/${created.id}` },
      { method: 'GET', url: `/v1/snapshots/${created.id}/document` },
      { method: 'DELETE', url: `/v1/snapshots/${created.id}` },
    ] as const) {
      expectProblem(await app.inject(request), 404, 'UNKNOWN_SNAPSHOT');
    }
  });

  it('data survives a restart', async () => {
    const env = await sharedDatabaseEnv();
    const first = await buildApp(testConfig(env));
    const snapshot = await uploadExample(first, 'bookinfo-multicluster.yaml');
    await first.close();
    const second = await buildTestApp(env);
    const got = await second.inject({ method: 'GET', url: `/v1/snapshots/${snapshot.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: snapshot.id, name: 'bookinfo-multicluster' });
  });

  it('two replicas: an upload on one answers on the other; a delete on the other is seen by the first', async () => {
    const [one, two] = (await replicas(2)) as [FastifyInstance, FastifyInstance];
    const question = {
      query:
        '{ effectivePolicy(snapshot: "httpbin-before", client: "httpbin/client-in-ambient", backend: "in-ambient.httpbin") { hops { to } } }',
    };
    const ask = async (app: FastifyInstance) =>
      (await app.inject({ method: 'POST', url: '/graphql', payload: question })).json<{
        data: unknown;
        errors?: { extensions: { code: string } }[];
      }>();
    // Each replica answers once before the upload, so the answer caches hold something to invalidate.
    expect((await ask(one)).errors?.[0]?.extensions.code).toBe('UNKNOWN_SNAPSHOT');
    expect((await ask(two)).errors?.[0]?.extensions.code).toBe('UNKNOWN_SNAPSHOT');

    const first = await uploadExample(one, 'httpbin-before.yaml');
    await until(async () => (await ask(two)).errors === undefined);
    expect((await two.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(first.id);
    expect((await ask(one)).data).toEqual((await ask(two)).data);

    const second = await uploadExample(two, 'httpbin-after.yaml');
    await until(
      async () => (await one.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id === second.id,
    );

    expect((await two.inject({ method: 'DELETE', url: `/v1/snapshots/${first.id}` })).statusCode).toBe(204);
    await until(async () => (await ask(one)).errors?.[0]?.extensions.code === 'UNKNOWN_SNAPSHOT');
    expectProblem(
      await one.inject({ method: 'GET', url: `/v1/snapshots/${first.id}` }),
      404,
      'UNKNOWN_SNAPSHOT',
    );
    expectProblem(
      await one.inject({ method: 'GET', url: '/v1/snapshots/httpbin-before' }),
      404,
      'UNKNOWN_SNAPSHOT',
    );
  });

  it('identical uploads at once on two replicas store one snapshot', async () => {
    const env = await sharedDatabaseEnv();
    const apps = await replicas(2, env);
    const text = exampleText('bookinfo-multicluster.yaml');
    const send = (app: FastifyInstance, name: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/snapshots?name=${name}`,
        headers: { 'content-type': 'application/yaml' },
        payload: text,
      });
    const answers = await Promise.all([
      send(apps[0]!, 'east'),
      send(apps[1]!, 'west'),
      send(apps[0]!, 'east'),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    const counts = await tableCounts(env);
    expect(counts).toMatchObject({
      snapshots: 1,
      snapshot_documents: 1,
      snapshot_models: 1,
      snapshot_names: 2,
    });
    const stored = (await apps[1]!.inject({ method: 'GET', url: `/v1/snapshots/${[...ids][0]}` })).json();
    expect([...stored.names].sort()).toEqual(['east', 'west']);
  });

  it.skipIf(TEST_DRIVER !== 'sqlite')('uses WAL and foreign keys on a file database', async () => {
    const env = await sharedDatabaseEnv();
    await buildTestApp(env);
    const db = new Database(env['SPILLWAY_DB_PATH'], { readonly: true });
    onTestFinished(() => {
      db.close();
    });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('imports the bundled examples on first start with an empty database, and only then', async () => {
    const env = { ...(await sharedDatabaseEnv()), SPILLWAY_IMPORT_EXAMPLES: 'true' };
    const first = await buildApp(testConfig(env));
    const imported = await first.spillway.snapshots.count();
    await first.close();
    expect(imported).toBe(4);
    const second = await buildTestApp(env);
    expect(await second.spillway.snapshots.count()).toBe(4);
  });
});

describe('names', () => {
  const upload = (app: FastifyInstance, query: string, text = exampleText('httpbin-before.yaml')) =>
    postSnapshot(app, query, text);

  it('content uploaded again under a new name answers 200 with the snapshot, which now carries both names', async () => {
    const app = await buildTestApp();
    const first = await upload(app, 'name=staging');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: 'staging', names: ['staging'] });
    const again = await upload(app, 'name=prod-2026-11-22');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      id: first.json().id,
      name: 'staging',
      names: ['staging', 'prod-2026-11-22'],
    });
    for (const ref of ['staging', 'prod-2026-11-22']) {
      expect((await app.inject({ method: 'GET', url: `/v1/snapshots/${ref}` })).json().id).toBe(
        first.json().id,
      );
    }
    // GraphQL lists the names too.
    const listed = await graphql(app, '{ snapshot(ref: "prod-2026-11-22") { id name names } }');
    expect(listed.json().data.snapshot).toEqual({
      id: first.json().id,
      name: 'staging',
      names: ['staging', 'prod-2026-11-22'],
    });
  });

  it('a name moves to the snapshot that received it last, and back when older content is named again', async () => {
    const app = await buildTestApp();
    const before = (await upload(app, 'name=prod')).json();
    const after = (await upload(app, 'name=prod', exampleText('httpbin-after.yaml'))).json();
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots/prod' })).json().id).toBe(after.id);
    // Rolling back: the earlier content uploaded again as prod makes prod point to it.
    const rollback = await upload(app, 'name=prod');
    expect(rollback.statusCode).toBe(200);
    expect(rollback.json().id).toBe(before.id);
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots/prod' })).json().id).toBe(before.id);
    // `latest` is the newest upload, not the newest naming.
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(after.id);
  });

  it.each([
    ['cluster=cluster1', 'the default cluster name'],
    ['network=', 'the default (empty) network'],
    ['profile=SOLO', 'the default profile'],
    ['cluster=cluster1&profile=SOLO', 'several defaults'],
  ])('%s (%s) restates a default and does not change the content hash', async (query) => {
    const app = await buildTestApp();
    const plain = (await upload(app, 'name=plain')).json();
    const restated = await upload(app, `name=restated&${query}`);
    expect(restated.statusCode).toBe(200);
    expect(restated.json().contentHash).toBe(plain.contentHash);
    expect(restated.json().names).toEqual(['plain', 'restated']);
  });

  it.each([['cluster=east'], ['network=net1'], ['profile=ISTIO_1_30']])(
    '%s changes what the bytes mean and so the content hash',
    async (query) => {
      const app = await buildTestApp();
      const plain = (await upload(app, 'name=plain')).json();
      const other = await upload(app, `name=other&${query}`);
      expect(other.statusCode).toBe(201);
      expect(other.json().contentHash).not.toBe(plain.contentHash);
    },
  );

  it('a bundle with its own profile: profile=SOLO overrides it, so it is another snapshot', async () => {
    const app = await buildTestApp();
    const bundle = JSON.stringify({
      apiVersion: 'spillway.dev/v1alpha1',
      kind: 'MeshSnapshot',
      metadata: { name: 'bundled' },
      spec: { profile: 'ISTIO_1_31', clusters: [{ name: 'east', resources: [NAMESPACE] }] },
    });
    const own = (await upload(app, '', bundle)).json();
    expect(own.profile).toBe('ISTIO_1_31');
    const overridden = await upload(app, 'profile=SOLO', bundle);
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json().profile).toBe('SOLO');
    const restated = await upload(app, 'profile=ISTIO_1_31', bundle);
    expect(restated.statusCode).toBe(200);
    expect(restated.json().id).toBe(own.id);
  });
});

describe('GET /v1/snapshots', () => {
  it('pages newest first with an opaque cursor and a complete PageInfo', async () => {
    const app = await buildTestApp();
    for (const name of ['one', 'two', 'three']) {
      const payload = yamlOf({ ...NAMESPACE, metadata: { name } });
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/v1/snapshots?name=${name}`,
            headers: { 'content-type': 'application/yaml' },
            payload,
          })
        ).statusCode,
      ).toBe(201);
    }
    const page1 = (await app.inject({ method: 'GET', url: '/v1/snapshots?limit=2' })).json();
    expect(page1.items.map((s: { name: string }) => s.name)).toEqual(['three', 'two']);
    expect(typeof page1.nextCursor).toBe('string');
    const page2 = (
      await app.inject({ method: 'GET', url: `/v1/snapshots?limit=2&cursor=${page1.nextCursor}` })
    ).json();
    expect(page2.items.map((s: { name: string }) => s.name)).toEqual(['one']);
    expect(page2.nextCursor).toBeUndefined();
    expect(page1.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: expect.any(String),
      endCursor: page1.nextCursor,
    });
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // The same cursors page GraphQL.
    const gql = await graphql(
      app,
      `{ snapshots(first: 2, after: "${page1.pageInfo.startCursor}") { nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    expect(gql.json().data.snapshots).toEqual({
      nodes: [{ name: 'two' }, { name: 'one' }],
      pageInfo: {
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: page1.nextCursor,
        endCursor: expect.any(String),
      },
    });
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/snapshots?cursor=bogus' }),
      400,
      'INVALID_REQUEST',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/snapshots?limit=1000' }),
      400,
      'INVALID_REQUEST',
    );
  });

  it('resolves a snapshot by name (newest version) and by latest', async () => {
    const app = await buildTestApp();
    const before = await uploadExample(app, 'httpbin-before.yaml');
    const after = await uploadExample(app, 'httpbin-after.yaml');
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(after.id);
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots/httpbin-before' })).json().id).toBe(
      before.id,
    );
  });
});

describe('access tokens', () => {
  const READER = 'reader-token-0123456789';
  const WRITER = 'writer-token-0123456789';
  const env = { SPILLWAY_API_TOKENS: `reader:${READER},writer:${WRITER}` };
  const upload = (token?: string) => ({
    method: 'POST' as const,
    url: '/v1/snapshots',
    headers: { 'content-type': 'application/yaml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: yamlOf(NAMESPACE),
  });

  it.each([
    ['no token', undefined, 401, 'UNAUTHENTICATED'],
    ['a wrong token', 'not-a-valid-token-at-all', 401, 'UNAUTHENTICATED'],
    ['a reader token', READER, 403, 'FORBIDDEN'],
  ])('an upload with %s is refused', async (_label, token, status, code) => {
    const app = await buildTestApp(env);
    expectProblem(await app.inject(upload(token)), status, code);
    expect(await app.spillway.snapshots.count()).toBe(0);
  });

  it('writers upload and delete; readers read; nobody without a token reads', async () => {
    const app = await buildTestApp(env);
    const created = await app.inject(upload(WRITER));
    expect(created.statusCode).toBe(201);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/snapshots' }), 401, 'UNAUTHENTICATED');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/snapshots',
          headers: { authorization: `Bearer ${READER}` },
        })
      ).statusCode,
    ).toBe(200);
    expectProblem(
      await app.inject({
        method: 'DELETE',
        url: `/v1/snapshots/${created.json().id}`,
        headers: { authorization: `Bearer ${READER}` },
      }),
      403,
      'FORBIDDEN',
    );
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/v1/snapshots/${created.json().id}`,
          headers: { authorization: `Bearer ${WRITER}` },
        })
      ).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('errors and health', () => {
  it('unknown routes answer a 404 problem', async () => {
    const app = await buildTestApp();
    expectProblem(await app.inject({ method: 'GET', url: '/nope' }), 404, 'NOT_FOUND');
  });

  it('health and readiness', async () => {
    const app = await buildTestApp();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('echoes a sane request id and replaces a forged one', async () => {
    const app = await buildTestApp();
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const forged = `forged id with spaces ${'x'.repeat(200)}`;
    const replaced = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': forged },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics', async () => {
    const app = await buildTestApp();
    await app.inject({ method: 'GET', url: '/healthz' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('spillway_http_request_seconds');
    expect(metrics.body).toContain('spillway_snapshots 0');
  });
});
