import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors/appError.js';
import { analyzedSnapshot } from '../../services/snapshotAnalysis.js';
import type { SnapshotAdminService, UploadContentType } from '../../services/snapshotService.js';
import type { PolicyService } from '../../services/types.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, unknownSnapshot } from '../../services/snapshotService.js';
import type { Authorizer } from '../auth.js';
import { announcedLength, refuseAnnouncedOversize } from '../requestBody.js';
import { readUploadBody } from '../readUploadBody.js';
import { ref } from '../openapiDocument.js';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

interface UploadQuery {
  name?: string;
  cluster?: string;
  network?: string;
  profile?: string;
}

function uploadContentType(request: FastifyRequest): UploadContentType {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' ? 'application/json' : 'application/yaml';
}

export const snapshotRoutes: FastifyPluginAsync<{
  config: Config;
  snapshots: SnapshotAdminService;
  policy: PolicyService;
  authorizer: Authorizer;
}> = async (app, { config, snapshots, policy, authorizer }) => {
  // Uploads are kept as raw bytes: they are hashed and stored byte for byte, and parsed by the ingest
  // pipeline (which reports every problem), not by Fastify's JSON parser (which stops at the first).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', ...YAML_TYPES],
    (request: FastifyRequest, payload: IncomingMessage) =>
      readUploadBody(payload, config.upload.bodyLimitBytes, announcedLength(request)),
  );

  const reader = (request: FastifyRequest): void => authorizer.authorize(request, 'reader');
  const writer = (request: FastifyRequest): void => authorizer.authorize(request, 'writer');

  app.post<{ Querystring: UploadQuery; Body: Buffer }>(
    '/v1/snapshots',
    {
      // In this order, then the rate limit's own hook: 401, then 413 from the headers, then 429.
      onRequest: [async (request) => writer(request), refuseAnnouncedOversize],
      bodyLimit: config.upload.bodyLimitBytes,
      config: { rateLimit: { max: config.upload.ratePerMinute, timeWindow: '1 minute' } },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 253 },
            cluster: { type: 'string', maxLength: 253 },
            network: { type: 'string', maxLength: 253 },
            // Checked by the upload with its other parameters (422, naming the profiles there are).
            profile: { type: 'string', maxLength: 253 },
          },
        },
        response: { 200: ref('AnalyzedSnapshot'), 201: ref('AnalyzedSnapshot') },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body) || request.body.byteLength === 0) {
        throw new AppError('INVALID_UPLOAD', 'The body is empty.', {
          problems: [{ pointer: '', code: 'EMPTY_BODY', message: 'Upload YAML or JSON Kubernetes objects.' }],
        });
      }
      // A client that hangs up before the answer abandons the parse: its worker stops at once.
      const abandoned = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abandoned.abort();
      });
      const outcome = await snapshots.upload({
        body: request.body,
        contentType: uploadContentType(request),
        params: request.query,
        signal: abandoned.signal,
      });
      if (outcome.created) void reply.code(201).header('location', `/v1/snapshots/${outcome.snapshot.id}`);
      return analyzedSnapshot(policy, outcome.snapshot);
    },
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/v1/snapshots',
    {
      onRequest: async (request) => reader(request),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: { 200: ref('SnapshotPage') },
      },
    },
    (request) =>
      snapshots.list({
        first: request.query.limit ?? DEFAULT_PAGE_SIZE,
        ...(request.query.cursor === undefined ? {} : { after: request.query.cursor }),
      }),
  );

  const idParams = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', maxLength: 253 } },
  } as const;

  app.get<{ Params: { id: string } }>(
    '/v1/snapshots/:id',
    {
      onRequest: async (request) => reader(request),
      schema: { params: idParams, response: { 200: ref('AnalyzedSnapshot') } },
    },
    async (request) => {
      const snapshot = await snapshots.get(request.params.id);
      if (!snapshot) throw unknownSnapshot(request.params.id);
      return analyzedSnapshot(policy, snapshot);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/snapshots/:id/document',
    { onRequest: async (request) => reader(request), schema: { params: idParams } },
    async (request, reply) => {
      const document = await snapshots.document(request.params.id);
      return reply.type(document.contentType).send(document.body);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/snapshots/:id',
    { onRequest: async (request) => writer(request), schema: { params: idParams } },
    async (request, reply) => {
      await snapshots.delete(request.params.id);
      return reply.code(204).send();
    },
  );
};
