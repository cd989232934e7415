/**
 * Uploads parsed in worker threads answer exactly as inline parsing does, and a parse that runs past its
 * time budget, or whose client goes away, is refused without touching the database or the process.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/ingest/types.js';
import { createUploadParser } from '../../../src/services/uploadParser.js';
import { buildTestApp, exampleText, expectProblem } from '../../helpers/buildTestApp.js';
import { STALL_MARKER, STALLING_WORKER_ENTRY } from '../../helpers/stallingUploadWorker.js';

const upload = (payload: string, contentType = 'application/yaml') => ({
  method: 'POST' as const,
  url: '/v1/snapshots?name=w',
  headers: { 'content-type': contentType },
  payload,
});

// A worker thread compiles the parser with tsx when it starts: seconds when idle, far more on a busy machine.
describe('upload parsing in worker threads', { timeout: 120_000 }, () => {
  it('accepts an example with the same answer as inline parsing', async () => {
    const inline = await buildTestApp();
    const pooled = await buildTestApp({ SPILLWAY_UPLOAD_WORKERS: '1' });
    const a = await inline.inject(upload(exampleText('bookinfo-multicluster.yaml')));
    const b = await pooled.inject(upload(exampleText('bookinfo-multicluster.yaml')));
    expect(b.statusCode).toBe(201);
    const strip = (body: Record<string, unknown>) => ({ ...body, id: undefined, createdAt: undefined });
    expect(strip(b.json())).toEqual(strip(a.json()));
  });

  // A large body's own buffer moves to the worker; a small one is a slice of Node's shared Buffer pool,
  // which cannot move, and is copied.
  it.each([
    {
      name: 'a large body (moved to the worker)',
      file: 'bookinfo-multicluster.yaml' as const,
      minBytes: 8192,
    },
    { name: 'a small body (copied out of the pool)', file: 'small' as const, minBytes: 0 },
  ])('stores $name byte for byte and keeps serving', async ({ file, minBytes }) => {
    const text =
      file === 'small' ? 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tiny\n' : exampleText(file);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(minBytes);
    const pooled = await buildTestApp({ SPILLWAY_UPLOAD_WORKERS: '1' });
    const created = await pooled.inject(upload(text));
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const stored = await pooled.inject({ method: 'GET', url: `/v1/snapshots/${id}/document` });
    expect(stored.statusCode).toBe(200);
    expect(stored.body).toBe(text);
    const health = await pooled.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });

  it('refuses an invalid upload with every problem, as inline parsing does', async () => {
    const pooled = await buildTestApp({ SPILLWAY_UPLOAD_WORKERS: '1' });
    const response = await pooled.inject(
      upload('apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    a: 1\n'),
    );
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    const codes = (body['problems'] as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['MISSING_NAME', 'NON_STRING_LABEL']));
    expect(await pooled.spillway.snapshots.count()).toBe(0);
  });

  // The stalling worker never finishes a marked body, so the budget is what ends it on any machine, however
  // loaded: the test measures the behaviour, not this machine's parsing speed.
  it('refuses a parse that exceeds the time budget and keeps serving', async () => {
    const pooled = await buildTestApp(
      { SPILLWAY_UPLOAD_WORKERS: '1', SPILLWAY_UPLOAD_TIMEOUT_MS: '1000' },
      { uploadWorkerEntry: STALLING_WORKER_ENTRY },
    );
    const response = await pooled.inject(upload(`${STALL_MARKER}\n${exampleText('httpbin-before.yaml')}`));
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    expect(JSON.stringify(body['problems'])).toContain('PARSE_ABORTED');
    expect(String(body['detail'])).toContain('nothing was stored');
    expect(await pooled.spillway.snapshots.count()).toBe(0);
    for (const url of ['/healthz', '/v1/snapshots']) {
      expect((await pooled.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});

describe('the upload parser pool', () => {
  // Far above a worker's start and a small parse on a loaded machine (about a second from TypeScript sources).
  const GENEROUS_BUDGET_MS = 120_000;
  const options = { workers: 1, timeoutMs: GENEROUS_BUDGET_MS, workerMemoryMb: 512 };
  const input = (text: string) => ({ body: text, contentType: 'application/yaml' as const, params: {} });

  it(
    'stops a parse its caller abandons, then parses the next upload in a fresh worker',
    async () => {
      const parser = createUploadParser(options, STALLING_WORKER_ENTRY);
      onTestFinished(() => parser.close());
      const abandon = new AbortController();
      const stalled = parser.prepare(input(`${STALL_MARKER}\n`), DEFAULT_UPLOAD_LIMITS, abandon.signal);
      abandon.abort();
      await expect(stalled).rejects.toMatchObject({
        code: 'INVALID_UPLOAD',
        message: expect.stringContaining('abandoned'),
      });
      const next = await parser.prepare(input(exampleText('httpbin-before.yaml')), DEFAULT_UPLOAD_LIMITS);
      expect(next.ok).toBe(true);
    },
    GENEROUS_BUDGET_MS,
  );

  it(
    'refuses with the time budget named when the budget runs out first',
    async () => {
      const parser = createUploadParser({ ...options, timeoutMs: 1000 }, STALLING_WORKER_ENTRY);
      onTestFinished(() => parser.close());
      await expect(parser.prepare(input(`${STALL_MARKER}\n`), DEFAULT_UPLOAD_LIMITS)).rejects.toMatchObject({
        code: 'INVALID_UPLOAD',
        message: expect.stringContaining('within 1000 ms'),
      });
    },
    GENEROUS_BUDGET_MS,
  );
});
