/**
 * REST pipelines see what `spillway analyze` sees: the upload's answer and `GET /v1/snapshots/{id}` carry
 * the mesh analysis next to the intake findings, each in the field the contract names.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/index.js';
import {
  buildTestApp,
  EXAMPLE_FILES,
  exampleText,
  graphql,
  type ExampleFile,
} from '../../helpers/buildTestApp.js';
import { runInProcess } from '../cli/runInProcess.js';

interface AnalyzedBody {
  id: string;
  profile: string;
  diagnostics: Diagnostic[];
  analysis: {
    profile: string;
    diagnostics: Diagnostic[];
    bySeverity: Record<'ERROR' | 'WARNING' | 'INFO', number>;
  };
}

const INTAKE_FLOOR = 'SPW1000';
const key = (d: { code: string; message: string }): string => `${d.code} ${d.message}`;

const post = (app: FastifyInstance, file: ExampleFile) =>
  app.inject({
    method: 'POST',
    url: '/v1/snapshots',
    headers: { 'content-type': 'application/yaml' },
    payload: exampleText(file),
  });

async function upload(
  file: ExampleFile,
): Promise<{ status: number; body: AnalyzedBody; app: FastifyInstance }> {
  const app = await buildTestApp();
  const response = await post(app, file);
  return { status: response.statusCode, body: response.json<AnalyzedBody>(), app };
}

describe('the upload answer and GET /v1/snapshots/{id} carry the analysis', () => {
  it.each(EXAMPLE_FILES)(
    '%s: intake findings in diagnostics, the mesh analysis in analysis; together what spillway analyze prints',
    async (file) => {
      const { status, body, app } = await upload(file);
      expect(status).toBe(201);
      expect(body.diagnostics.every((d) => d.code >= INTAKE_FLOOR)).toBe(true);
      expect(body.analysis.diagnostics.every((d) => d.code < INTAKE_FLOOR)).toBe(true);
      expect(body.analysis.profile).toBe(body.profile);

      // The same engine answer as the GraphQL analyze query, through the one service layer.
      const query = await graphql(
        app,
        'query($s: String!) { analyze(snapshot: $s) { code severity message equivalent resources { kind name namespace cluster } } }',
        { s: body.id },
      );
      const viaGraphql = query.json<{ data: { analyze: Diagnostic[] } }>().data.analyze;
      expect(body.analysis.diagnostics.map(key)).toEqual(viaGraphql.map(key));

      // And the command line on the same file: every finding it prints, no more.
      const cli = await runInProcess(['analyze', '-o', 'json', `examples/${file}`]);
      const printed = (JSON.parse(cli.stdout) as { code: string; message: string }[]).map(key).sort();
      expect([...body.diagnostics, ...body.analysis.diagnostics].map(key).sort()).toEqual(printed);

      const all = [...body.diagnostics, ...body.analysis.diagnostics];
      expect(body.analysis.bySeverity).toEqual({
        ERROR: all.filter((d) => d.severity === 'ERROR').length,
        WARNING: all.filter((d) => d.severity === 'WARNING').length,
        INFO: all.filter((d) => d.severity === 'INFO').length,
      });

      const got = await app.inject({ method: 'GET', url: `/v1/snapshots/${body.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.json()).toEqual(body);
    },
  );

  it('the httpbin example: SPW0002 (INFO) is in analysis, not in the intake diagnostics', async () => {
    const { body } = await upload('httpbin-after.yaml');
    expect(body.diagnostics.map((d) => d.code)).not.toContain('SPW0002');
    expect(body.analysis.diagnostics.map((d) => d.code)).toEqual(['SPW0002']);
    expect(body.analysis.bySeverity.INFO).toBeGreaterThanOrEqual(1);
  });

  it('a repeated upload (200) and a lookup by name or latest answer with the same analysis', async () => {
    const { body, app } = await upload('httpbin-after.yaml');
    const again = await post(app, 'httpbin-after.yaml');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
    const latest = await app.inject({ method: 'GET', url: '/v1/snapshots/latest' });
    expect(latest.json<AnalyzedBody>().analysis).toEqual(body.analysis);
  });

  it('the list stays light: its items carry no analysis', async () => {
    const { app } = await upload('httpbin-after.yaml');
    const list = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('analysis');
  });
});
