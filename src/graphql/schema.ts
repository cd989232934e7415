/**
 * The SDL in `schema/*.graphql` is the source of the GraphQL contract. It is read once per app, merged and
 * checked here so a broken schema stops the boot instead of failing the first query.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertValidSchema, buildASTSchema, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { repoPath } from '../repoPath.js';

const SCHEMA_DIRECTORY = fileURLToPath(repoPath('schema/'));

/** Every `.graphql` file of `schema/`, in name order so the merged document is deterministic. */
export function loadTypeDefs(directory: string = SCHEMA_DIRECTORY): DocumentNode {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`No .graphql files in ${directory}`);
  const sdl = files.map((file) => readFileSync(`${directory}/${file}`, 'utf8')).join('\n');
  return parse(sdl);
}

/** Builds the schema from the SDL and throws, listing every problem, when it is not valid. */
export function buildValidSchema(typeDefs: DocumentNode): GraphQLSchema {
  const schema = buildASTSchema(typeDefs);
  assertValidSchema(schema);
  return schema;
}
