/**
 * Bearer-token access: with tokens configured, writes need a writer token and reads a reader or writer
 * token. Tokens are compared in constant time over their SHA-256 digests, so neither content nor length
 * leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config, Role } from '../config.js';
import { AppError } from '../errors/appError.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export interface Authorizer {
  /** True when no tokens are configured: every request is allowed. */
  readonly open: boolean;
  /** Throws UNAUTHENTICATED / FORBIDDEN unless the request may act with `needed`. */
  authorize(request: FastifyRequest, needed: Role): void;
}

export function createAuthorizer(config: Config): Authorizer {
  const entries = config.auth.tokens.map((t) => ({ role: t.role, digest: digest(t.token) }));
  const roleOf = (token: string): Role | undefined => {
    const presented = digest(token);
    let found: Role | undefined;
    // Visit every entry so the time taken does not depend on which one matches.
    for (const entry of entries) {
      if (timingSafeEqual(entry.digest, presented)) found = found === 'writer' ? found : entry.role;
    }
    return found;
  };
  return {
    open: entries.length === 0,
    authorize(request, needed) {
      if (entries.length === 0) return;
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      const token = match?.[1];
      if (token === undefined) throw new AppError('UNAUTHENTICATED', 'A bearer token is required.');
      const role = roleOf(token);
      if (role === undefined) throw new AppError('UNAUTHENTICATED', 'The bearer token is not valid.');
      if (needed === 'writer' && role !== 'writer') {
        throw new AppError('FORBIDDEN', 'This operation needs a writer token.');
      }
    },
  };
}
