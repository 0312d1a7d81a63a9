/**
 * The OpenAPI 3.1 document, generated from the route table and the JSON Schemas: nothing in it is
 * written by hand beside them. Every named schema is a component; a schema used inside another
 * becomes a `$ref` to its component.
 */
import { requestSchemas } from './requestSchemas.js';
import { responseSchemas } from './responseSchemas.js';
import { ROUTE_TAGS, ROUTES, type ProblemStatus, type Route } from './routes.js';
import type { OpenApiDocument } from './types.js';

/** How the document describes problems; the hook for a catalogue of problem codes. */
export interface OpenApiOptions {
  /** One line on a problem code, e.g. from a catalogue; absent: the code alone. */
  describeProblem?: (code: string) => string | undefined;
}

const TITLES: Record<ProblemStatus, string> = {
  '400': 'Bad request',
  '401': 'Unauthenticated',
  '403': 'Not allowed',
  '404': 'Not found',
  '409': 'Conflict',
  '413': 'Payload too large',
  '415': 'Unsupported media type',
  '422': 'Unprocessable',
  '429': 'Too many requests',
  '500': 'Internal error',
  '503': 'Service unavailable',
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Replaces every sub-schema that is a named component (the same object) with a `$ref` to it. */
function withRefs(value: unknown, names: ReadonlyMap<unknown, string>, root: boolean): unknown {
  if (!root && names.has(value)) return ref(names.get(value)!);
  if (Array.isArray(value)) return value.map((item) => withRefs(item, names, false));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, withRefs(member, names, false)]));
  return value;
}

/** A request body's component name: its schema's name in PascalCase, with `Request` where an answer has that name (`DevTokenRequest`). */
const bodyName = (schema: keyof typeof requestSchemas) => (pascal(schema) in responseSchemas ? `${pascal(schema)}Request` : pascal(schema));

/** The request body schemas that some route takes, by component name. */
function bodySchemas(routes: readonly Route[]): Record<string, object> {
  return Object.fromEntries(routes.flatMap((r) => (r.body ? [[bodyName(r.body.schema), requestSchemas[r.body.schema]]] : [])));
}

function queryParameters(route: Route) {
  if (!route.query) return [];
  const schema = requestSchemas[route.query] as { properties: Record<string, { description?: string }>; required?: readonly string[] };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function responsesOf(route: Route, options: OpenApiOptions): Record<string, unknown> {
  const answers = Object.entries(route.responses).map(([status, response]) => {
    const schema = response.schema === undefined ? undefined : typeof response.schema === 'string' ? ref(response.schema) : { anyOf: response.schema.map(ref) };
    const content = schema ? { 'application/json': { schema } } : response.content ? { [response.content.mediaType]: { schema: response.content.schema } } : undefined;
    return [status, { description: response.description, ...(content ? { content } : {}) }] as const;
  });
  const problems = (Object.entries(route.problems) as [ProblemStatus, readonly string[]][])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, codes]) => {
      const lines = codes.map((code) => {
        const said = options.describeProblem?.(code);
        return `- \`${code}\`${said ? `: ${said}` : ''}`;
      });
      return [status, { description: `${TITLES[status]}. The problem's \`code\` is one of:\n${lines.join('\n')}`, content: { 'application/problem+json': { schema: ref('Problem') } } }] as const;
    });
  return Object.fromEntries<unknown>([...answers, ...problems]);
}

/** The components that the paths reference, directly or through other components (a type such as `DefinitionVersionRecord` that no answer uses is left out). */
function referenced(paths: unknown, components: Record<string, unknown>): Record<string, unknown> {
  const used = new Set<string>();
  const pending = [paths];
  while (pending.length) {
    for (const [, name] of JSON.stringify(pending.pop()).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)) {
      if (name && !used.has(name)) {
        used.add(name);
        pending.push(components[name]);
      }
    }
  }
  return Object.fromEntries(Object.entries(components).filter(([name]) => used.has(name)));
}

function securityOf(route: Route) {
  if (route.security === 'bearer') return [{ bearer: [] }];
  if (route.security === 'metrics') return [{}, { metricsToken: [] }];
  return [];
}

function operationOf(route: Route, names: ReadonlyMap<unknown, string>, options: OpenApiOptions) {
  const parameters = [...(route.parameters ?? []), ...queryParameters(route)];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description || route.mountedWhen ? { description: [route.description, route.mountedWhen ? `Served when ${route.mountedWhen}.` : undefined].filter(Boolean).join('\n\n') } : {}),
    security: securityOf(route),
    ...(parameters.length ? { parameters: withRefs(parameters, names, false) } : {}),
    ...(route.body ? { requestBody: { required: route.body.required, content: { 'application/json': { schema: ref(bodyName(route.body.schema)) } } } } : {}),
    responses: responsesOf(route, options),
    'x-problem-codes': route.problems,
    ...(route.mountedWhen ? { 'x-mounted-when': route.mountedWhen } : {}),
  };
}

/**
 * The OpenAPI 3.1 document of the runtime: every route of {@link ROUTES} with its parameters,
 * request body, typed 2xx responses and the problem codes it answers per status.
 *
 * @example
 * ```ts
 * app.get('/openapi.json', (_req, res) => res.json(openApiDocument()));
 * ```
 */
export function openApiDocument(options: OpenApiOptions = {}, routes: readonly Route[] = ROUTES): OpenApiDocument {
  const schemas: Record<string, object> = { ...responseSchemas, ...bodySchemas(routes) };
  const names = new Map<unknown, string>(Object.entries(schemas).map(([name, schema]) => [schema, name]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route, names, options);
  const components = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, withRefs(schema, names, true)]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mandate runtime',
      version: '0.1.0',
      description: 'Governs human decisions: work items, allowed actions, decisions, audit, definition governance. Errors are RFC 9457 problem documents with a stable `code`.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'This runtime' }],
    tags: Object.entries(ROUTE_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT of the configured issuer, or a development token (POST /auth/dev/token).' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'MANDATE_METRICS_TOKEN, when the runtime is configured with one.' },
      },
      schemas: referenced(paths, components),
    },
  };
}
