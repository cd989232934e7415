/** Signed Slack requests, a fake service layer and a local `response_url` receiver for the Slack tests. */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { EngineError, type EffectivePolicy, type WhatIf } from '../../../src/engine/index.js';
import type { PolicyQuery, Services, SnapshotSummary, WhatIfQuery } from '../../../src/services/types.js';
import { signSlackRequest } from '../../../src/slack/verifySlackSignature.js';
import { makePolicy, makeWhatIf } from '../../unit/slack/slackBuilders.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignedOptions {
  readonly secret?: string;
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  readonly signature?: string | null;
  readonly contentType?: string;
  readonly rawBody?: string;
}

/** A slash command's form; Slack gives every invocation a `response_url` (and `trigger_id`) of its own. */
export function slackForm(
  text: string,
  responseUrl = `https://hooks.slack.com/commands/T1/1/${randomUUID()}`,
): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/spillway',
    text,
    response_url: responseUrl,
    trigger_id: randomUUID(),
    api_app_id: 'A1',
  }).toString();
}

/** POSTs a slash command the way Slack does: urlencoded body signed over its raw bytes. */
export function postCommand(
  app: FastifyInstance,
  body: string,
  options: SignedOptions = {},
): Promise<LightMyRequestResponse> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const raw = options.rawBody ?? body;
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
  };
  if (options.signature !== null)
    headers['x-slack-signature'] =
      options.signature ?? signSlackRequest(options.secret ?? SIGNING_SECRET, timestamp, body);
  return app.inject({ method: 'POST', url: '/v1/slack/commands', headers, payload: raw });
}

export interface FakeServices extends Services {
  readonly calls: { readonly kind: string; readonly query: PolicyQuery | WhatIfQuery | number }[];
}

export interface FakeOptions {
  readonly delayMs?: number;
  readonly policy?: EffectivePolicy;
  readonly whatIf?: WhatIf;
  readonly failWith?: Error;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const KNOWN_CLIENTS = ['httpbin/client-in-ambient', 'httpbin/client-sidecar'];

/** A service layer that answers from fixtures and fails like the real one on unknown names. */
export function fakeServices(options: FakeOptions = {}): FakeServices {
  const calls: { kind: string; query: PolicyQuery | WhatIfQuery | number }[] = [];
  const guard = async (query: PolicyQuery): Promise<void> => {
    if (options.delayMs !== undefined) await sleep(options.delayMs);
    if (options.failWith !== undefined) throw options.failWith;
    if (!KNOWN_CLIENTS.includes(query.client)) {
      throw new EngineError('UNKNOWN_CLIENT', `No client ${query.client} in the snapshot.`, {
        closest: KNOWN_CLIENTS,
      });
    }
  };
  const summary: SnapshotSummary = {
    id: 'snap-1',
    name: 'httpbin-after',
    names: ['httpbin-after'],
    profile: 'SOLO',
    contentHash: 'abc',
    createdAt: '2026-11-22T10:00:00.000Z',
    clusters: [{ name: 'cluster1', network: 'network1' }],
    counts: {},
    ignored: {},
    diagnostics: [],
  };
  return {
    calls,
    snapshots: {
      list: async (request = {}) => {
        calls.push({ kind: 'list', query: request.first ?? 20 });
        const edges = [{ cursor: 'c1', node: summary }];
        return {
          items: [summary],
          edges,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c1' },
        };
      },
      get: async (ref) => (ref === summary.id ? summary : undefined),
      catalogueVersion: () => 'fixed',
    },
    policy: {
      effectivePolicy: async (query) => {
        calls.push({ kind: 'effectivePolicy', query });
        await guard(query);
        return options.policy ?? makePolicy();
      },
      whatIf: async (query) => {
        calls.push({ kind: 'whatIf', query });
        await guard(query);
        return options.whatIf ?? makeWhatIf();
      },
      sweep: () => Promise.reject(new Error('not used')),
      blastRadius: () => Promise.reject(new Error('not used')),
      diff: () => Promise.reject(new Error('not used')),
      references: () => Promise.reject(new Error('not used')),
      analyze: () => Promise.resolve([]),
    },
  };
}

export interface ReceivedPost {
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedPost[];
  /** Resolves once `count` posts have arrived. */
  waitFor(count: number): Promise<ReceivedPost[]>;
}

/** A real HTTP server on 127.0.0.1 standing in for Slack's response_url; answers each post with `statuses` in turn. */
export async function startReceiver(statuses: readonly number[]): Promise<Receiver> {
  const received: ReceivedPost[] = [];
  const waiters: { count: number; resolve: (posts: ReceivedPost[]) => void }[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        contentType: request.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.statusCode = statuses[received.length - 1] ?? 200;
      response.end(response.statusCode < 300 ? 'ok' : 'try again');
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve([...received]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/commands/T1/1/secret`,
    received,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve([...received])
        : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}
