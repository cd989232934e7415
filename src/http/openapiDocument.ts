/**
 * openapi.yaml is the REST contract and its source of truth: the route schemas are its components, so the
 * code is checked against the document, never the other way round.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from '../repoPath.js';

export const OPENAPI_TEXT = readFileSync(repoPath('openapi.yaml'), 'utf8');

interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> };
}

export const OPENAPI = parse(OPENAPI_TEXT) as OpenApiDocument;

/** Rewrites `#/components/schemas/X` into Fastify shared-schema references `X#`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        key === '$ref' && typeof inner === 'string'
          ? inner.replace('#/components/schemas/', '') + '#'
          : rewriteRefs(inner);
    }
    return out;
  }
  return value;
}

/** Every component schema with its `$id`, ready for `app.addSchema`. */
export function componentSchemas(): { $id: string; [key: string]: unknown }[] {
  return Object.entries(OPENAPI.components.schemas).map(([id, schema]) => ({
    ...(rewriteRefs(schema) as Record<string, unknown>),
    $id: id,
  }));
}

/** A reference to a component for use inside route schemas. */
export const ref = (component: string): { $ref: string } => ({ $ref: `${component}#` });
