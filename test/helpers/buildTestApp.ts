/**
 * A fresh app with a database of its own on the driver under test (an in-memory SQLite file, or a fresh
 * PostgreSQL schema: see testDatabase.ts), closed when the test ends. Tests never bind a port.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { buildApp, type AppDeps } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { freshDatabaseEnv } from './testDatabase.js';

export async function buildTestApp(
  env: Readonly<Record<string, string>> = {},
  deps: AppDeps = {},
): Promise<FastifyInstance> {
  // A test that names its own database (a SQLite file) keeps it; otherwise the driver under test decides.
  const database = 'SPILLWAY_DB_PATH' in env || 'DATABASE_URL' in env ? {} : await freshDatabaseEnv();
  const app = await buildApp(testConfig({ ...database, ...env }), deps);
  onTestFinished(async () => {
    await app.close();
  });
  return app;
}

export const EXAMPLE_FILES = [
  'httpbin-before.yaml',
  'httpbin-after.yaml',
  'bookinfo-multicluster.yaml',
  'sidecar-client.yaml',
] as const;
export type ExampleFile = (typeof EXAMPLE_FILES)[number];

export function exampleText(file: string): string {
  return readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
}

/** POSTs YAML to `/v1/snapshots?<query>` and returns the response, whatever it is. */
export function postSnapshot(
  app: FastifyInstance,
  query: string,
  text: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v1/snapshots${query === '' ? '' : `?${query}`}`,
    headers: { 'content-type': 'application/yaml' },
    payload: text,
  });
}

/** Uploads an example under its file name (without `.yaml`) and returns the snapshot body. */
export async function uploadExample(
  app: FastifyInstance,
  file: ExampleFile,
  headers: Record<string, string> = {},
): Promise<{ id: string; name: string; [key: string]: unknown }> {
  const response = await app.inject({
    method: 'POST',
    url: `/v1/snapshots?name=${file.replace(/\.yaml$/, '')}`,
    headers: { 'content-type': 'application/yaml', ...headers },
    payload: exampleText(file),
  });
  if (response.statusCode !== 201 && response.statusCode !== 200) {
    throw new Error(`upload of ${file} failed: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

/** Asserts an RFC 9457 problem with the given status and code and returns its body. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
): Record<string, unknown> {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  const body = response.json<Record<string, unknown>>();
  if (body['code'] !== code)
    throw new Error(`expected code ${code}, got ${String(body['code'])}: ${response.body}`);
  if (body['status'] !== status) throw new Error('problem status does not match the HTTP status');
  return body;
}

/** POSTs a GraphQL operation as a portal would (JSON, so CSRF prevention lets it through). */
export async function graphql(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: { query, variables },
  });
}
