// The generated document: valid OpenAPI 3.1 by Redocly's strict recommended rules (offline: the
// document has no external references), every route with typed 2xx answers and its problem codes,
// and every schema compiles under ajv's strict mode.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { openApiDocument } from './openApiDocument.js';
import { requestSchemas } from './requestSchemas.js';
import { responseSchemas } from './responseSchemas.js';
import { ROUTES } from './routes.js';
import type { WorkItem, WorkItemSummary } from './types.js';

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; 'x-problem-codes': Record<string, string[]> };

const doc = openApiDocument();
const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })));

describe('openApiDocument', () => {
  it('lints clean as OpenAPI 3.1 (Redocly, recommended-strict: no error, no warning)', async () => {
    const config = await createConfig({ extends: ['recommended-strict'] });
    const found = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(found.map((p) => `${p.ruleId} ${p.severity} ${p.location.map((l) => l.pointer).join(' ')}: ${p.message}`)).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has every route of the table once, each with a unique operationId', () => {
    expect(operations.map((o) => o.route).sort()).toEqual(ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('types every 2xx answer with a schema and lists the problem codes of every error answer', () => {
    for (const { route, operation } of operations) {
      const answers = Object.entries(operation.responses);
      const ok = answers.filter(([status]) => /^2\d\d$/.test(status));
      expect(ok.length, route).toBeGreaterThan(0);
      for (const [status, answer] of ok) expect(Object.values(answer.content ?? {}).every((media) => media.schema !== undefined) && Object.keys(answer.content ?? {}).length > 0, `${route} ${status}`).toBe(true);
      const failures = answers.filter(([status]) => /^[45]\d\d$/.test(status)).map(([status]) => status);
      expect(failures, route).toEqual(Object.keys(operation['x-problem-codes']).sort());
      expect(operation['x-problem-codes']['500'], route).toContain('INTERNAL_ERROR');
    }
  });

  it('names every schema once: an answer and a request body never share a component', () => {
    const components = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const devToken = doc.paths['/auth/dev/token'] as { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> } };
    expect(devToken.post.requestBody.content['application/json']!.schema.$ref).toBe('#/components/schemas/DevTokenRequest');
    expect(devToken.post.responses['200']!.content['application/json']!.schema.$ref).toBe('#/components/schemas/DevToken');
    expect(components.DevToken).toEqual(responseSchemas.DevToken);
    expect(components.DevTokenRequest).toEqual(requestSchemas.devToken);
  });

  it('holds no schema that ajv (strict) refuses', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('instant', true);
    for (const [name, schema] of Object.entries({ ...requestSchemas, ...responseSchemas })) expect(() => ajv.compile(schema), name).not.toThrow();
  });

  it('derives the types from the schemas: a summary is the item without its evidence', () => {
    expectTypeOf<WorkItemSummary>().toEqualTypeOf<Omit<WorkItem, 'evidence' | 'redactedPaths'>>();
  });
});
