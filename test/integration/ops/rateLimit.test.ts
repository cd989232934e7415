import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../helpers/buildTestApp.js';
import { sharedDatabaseEnv, TEST_DRIVER } from '../../helpers/testDatabase.js';

const upload = (i: number): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n`;

describe('upload rate limit (SPILLWAY_UPLOAD_RATE_PER_MINUTE)', () => {
  it.each([1, 3, 5])(
    'allows %i upload(s) per minute per client, then answers 429 problem+json',
    async (limit) => {
      const app = await buildTestApp({
        SPILLWAY_UPLOAD_RATE_PER_MINUTE: String(limit),
        SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
      });
      for (let i = 0; i < limit; i += 1) {
        const ok = await app.inject({
          method: 'POST',
          url: `/v1/snapshots?name=r${i}`,
          headers: { 'content-type': 'application/yaml' },
          payload: upload(i),
        });
        expect(ok.statusCode, ok.body).toBe(201);
      }
      const limited = await app.inject({
        method: 'POST',
        url: '/v1/snapshots?name=over',
        headers: { 'content-type': 'application/yaml' },
        payload: upload(99),
      });
      const body = expectProblem(limited, 429, 'RATE_LIMITED');
      expect(String(body['instance'])).toMatch(/^urn:spillway:request:/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(await app.spillway.snapshots.count()).toBe(limit);
    },
  );

  it('counts rejected uploads too, so a client cannot probe the parser without limit', async () => {
    const app = await buildTestApp({
      SPILLWAY_UPLOAD_RATE_PER_MINUTE: '2',
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    for (let i = 0; i < 2; i += 1) {
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/snapshots',
        headers: { 'content-type': 'application/yaml' },
        payload: '[unclosed',
      });
      expect(bad.statusCode).toBe(422);
    }
    const limited = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/yaml' },
      payload: upload(1),
    });
    expectProblem(limited, 429, 'RATE_LIMITED');
  });

  // An announced length past the limit is refused from the headers, as cheaply as the limit itself is
  // counted (on PostgreSQL more cheaply: counting writes to the database), and the answer names the
  // mistake: a client that retries it should keep hearing 413, not be sent into 429's backoff for a
  // request that can never succeed. A caller over its limit hears 413 too; 429 would only delay that.
  it('refuses an announced oversized body with 413 before counting it', async () => {
    const app = await buildTestApp({
      SPILLWAY_UPLOAD_RATE_PER_MINUTE: '1',
      SPILLWAY_UPLOAD_MAX_BYTES: '1024',
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const send = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/snapshots',
        headers: { 'content-type': 'application/yaml' },
        payload,
      });
    const oversized = `${upload(0)}# ${'x'.repeat(2048)}\n`;
    for (let i = 0; i < 3; i += 1) expectProblem(await send(oversized), 413, 'PAYLOAD_TOO_LARGE');
    expect((await send(upload(1))).statusCode).toBe(201);
    expectProblem(await send(oversized), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(await send(upload(2)), 429, 'RATE_LIMITED');
  });

  it('limits each client address separately and never limits reads', async () => {
    const app = await buildTestApp({
      SPILLWAY_UPLOAD_RATE_PER_MINUTE: '1',
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const send = (remoteAddress: string, i: number) =>
      app.inject({
        method: 'POST',
        url: `/v1/snapshots?name=a${i}`,
        remoteAddress,
        headers: { 'content-type': 'application/yaml' },
        payload: upload(i),
      });
    expect((await send('10.0.0.1', 1)).statusCode).toBe(201);
    expect((await send('10.0.0.1', 2)).statusCode).toBe(429);
    expect((await send('10.0.0.2', 3)).statusCode).toBe(201);
    for (let i = 0; i < 5; i += 1) {
      const list = await app.inject({ method: 'GET', url: '/v1/snapshots', remoteAddress: '10.0.0.1' });
      expect(list.statusCode).toBe(200);
    }
  });

  // SQLite serves one process, whose in-memory counters are already the only ones.
  it.skipIf(TEST_DRIVER !== 'postgres')('two replicas on one PostgreSQL share one limit', async () => {
    const env = {
      ...(await sharedDatabaseEnv()),
      SPILLWAY_UPLOAD_RATE_PER_MINUTE: '3',
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    };
    const one = await buildTestApp(env);
    const two = await buildTestApp(env);
    const send = (app: typeof one, i: number) =>
      app.inject({
        method: 'POST',
        url: `/v1/snapshots?name=shared${i}`,
        headers: { 'content-type': 'application/yaml' },
        payload: upload(i),
      });
    // 3 per minute in all: two on one replica, one on the other, then both refuse.
    expect((await send(one, 1)).statusCode).toBe(201);
    expect((await send(two, 2)).statusCode).toBe(201);
    expect((await send(one, 3)).statusCode).toBe(201);
    expectProblem(await send(two, 4), 429, 'RATE_LIMITED');
    expectProblem(await send(one, 5), 429, 'RATE_LIMITED');
    expect(await one.spillway.snapshots.count()).toBe(3);
  });
});
