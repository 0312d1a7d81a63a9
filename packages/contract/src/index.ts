/**
 * @mandate/contract: the runtime API's wire contract in one pure place. JSON Schemas of every
 * request and response, the TypeScript types derived from them (`json-schema-to-ts`), the route
 * table, and the OpenAPI 3.1 document generated from it. No I/O: the runtime validates with these
 * schemas and serves the document; the client, the CLI and the studio import the types.
 */
export { requestSchemas } from './requestSchemas.js';
export { responseSchemas } from './responseSchemas.js';
export type * from './types.js';
export { ROUTES, ROUTE_TAGS, problems, type ProblemCodes, type ProblemStatus, type Route, type RouteParameter, type RouteResponse, type RouteTag } from './routes.js';
export { openApiDocument, type OpenApiOptions } from './openApiDocument.js';
