export { graphqlPlugin, GRAPHQL_PATH, type GraphqlPluginOptions } from './plugin.js';
export { createFormatError, graphqlCodeOf, INTERNAL_ERROR_MESSAGE } from './errors.js';
export { loadTypeDefs, buildValidSchema } from './schema.js';
export { resolvers } from './resolvers/index.js';
export type { GraphQLContext } from './context.js';
