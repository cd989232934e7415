import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { buildTestApp, exampleText, expectProblem, uploadExample } from '../../helpers/buildTestApp.js';

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'spillway.db');
}

function tableCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const table of ['snapshots', 'snapshot_documents', 'snapshot_models']) {
      out[table] = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
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
    expect(app.spillway.snapshots.count()).toBe(0);
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

  it('rejects an unknown profile', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?profile=ENVOY',
      headers: { 'content-type': 'application/yaml' },
      payload: yamlOf(NAMESPACE),
    });
    expect(response.statusCode).toBe(400);
    expect(app.spillway.snapshots.count()).toBe(0);
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

describe('storage', () => {
  it('the same content twice answers 200 with the existing snapshot and keeps one row', async () => {
    const path = tempDbPath();
    const app = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    onTestFinished(() => app.close());
    const first = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?name=a',
      headers: { 'content-type': 'application/yaml' },
      payload: exampleText('httpbin-before.yaml'),
    });
    const second = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?name=a',
      headers: { 'content-type': 'application/yaml' },
      payload: exampleText('httpbin-before.yaml'),
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(tableCounts(path)).toEqual({ snapshots: 1, snapshot_documents: 1, snapshot_models: 1 });
  });

  it('GET document returns the upload byte for byte; delete removes everything of the snapshot', async () => {
    const path = tempDbPath();
    const app = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    onTestFinished(() => app.close());
    const text = exampleText('httpbin-after.yaml');
    const created = (
      await app.inject({
        method: 'POST',
        url: '/v1/snapshots',
        headers: { 'content-type': 'application/yaml' },
        payload: text,
      })
    ).json();
    await uploadExample(app, 'httpbin-before.yaml');
    const document = await app.inject({ method: 'GET', url: `/v1/snapshots/${created.id}/document` });
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-type']).toContain('application/yaml');
    expect(document.body).toBe(text);

    const deleted = await app.inject({ method: 'DELETE', url: `/v1/snapshots/${created.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(tableCounts(path)).toEqual({ snapshots: 1, snapshot_documents: 1, snapshot_models: 1 });
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/snapshots/${created.id}` }),
      404,
      'SNAPSHOT_NOT_FOUND',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/snapshots/${created.id}/document` }),
      404,
      'SNAPSHOT_NOT_FOUND',
    );
    expectProblem(
      await app.inject({ method: 'DELETE', url: `/v1/snapshots/${created.id}` }),
      404,
      'SNAPSHOT_NOT_FOUND',
    );
  });

  it('data survives a restart', async () => {
    const path = tempDbPath();
    const first = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    const snapshot = await uploadExample(first, 'bookinfo-multicluster.yaml');
    await first.close();
    const second = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    onTestFinished(() => second.close());
    const got = await second.inject({ method: 'GET', url: `/v1/snapshots/${snapshot.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: snapshot.id, name: 'bookinfo-multicluster' });
  });

  it('a second process writing the same file is seen at once (latest and names follow its uploads and deletes)', async () => {
    const path = tempDbPath();
    const reader = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    const writer = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    onTestFinished(async () => {
      await reader.close();
      await writer.close();
    });
    const first = await uploadExample(writer, 'httpbin-before.yaml');
    expect((await reader.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(first.id);
    const second = await uploadExample(writer, 'httpbin-after.yaml');
    expect((await reader.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(second.id);
    await writer.inject({ method: 'DELETE', url: `/v1/snapshots/${second.id}` });
    expect((await reader.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json().id).toBe(first.id);
    expectProblem(
      await reader.inject({ method: 'GET', url: '/v1/snapshots/httpbin-after' }),
      404,
      'SNAPSHOT_NOT_FOUND',
    );
  });

  it('uses WAL and foreign keys on a file database', async () => {
    const path = tempDbPath();
    const app = await buildApp(testConfig({ SPILLWAY_DB_PATH: path }));
    onTestFinished(() => app.close());
    const db = new Database(path, { readonly: true });
    onTestFinished(() => {
      db.close();
    });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('imports the bundled examples on first start with an empty database, and only then', async () => {
    const path = tempDbPath();
    const first = await buildApp(testConfig({ SPILLWAY_DB_PATH: path, SPILLWAY_IMPORT_EXAMPLES: 'true' }));
    const imported = first.spillway.snapshots.count();
    await first.close();
    expect(imported).toBe(4);
    const second = await buildApp(testConfig({ SPILLWAY_DB_PATH: path, SPILLWAY_IMPORT_EXAMPLES: 'true' }));
    onTestFinished(() => second.close());
    expect(second.spillway.snapshots.count()).toBe(4);
  });
});

describe('GET /v1/snapshots', () => {
  it('pages newest first with an opaque cursor', async () => {
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
    expect(app.spillway.snapshots.count()).toBe(0);
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
