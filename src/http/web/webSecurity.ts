/**
 * Headers for everything the service serves to browsers (the portal and the GraphQL IDE). The pages load
 * nothing from another host and talk only to this service, so the policy names `'self'` alone; Monaco (the
 * IDE's editor) writes its theme into `<style>` elements at run time, so the IDE alone also allows inline
 * styles (never inline scripts).
 */
import type { FastifyReply } from 'fastify';

const BASE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const PORTAL_CSP = [...BASE_DIRECTIVES, "style-src 'self'"].join('; ');
export const IDE_CSP = [...BASE_DIRECTIVES, "style-src 'self' 'unsafe-inline'"].join('; ');

/** HTML is revalidated on every load, so a new build's hashed asset names are picked up at once. */
export const HTML_CACHE_CONTROL = 'no-cache';
/** Built assets carry a content hash in their names: a name never changes content. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function setBrowserSecurityHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('cross-origin-resource-policy', 'same-origin');
}
