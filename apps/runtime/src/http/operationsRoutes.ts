/**
 * The routes an operator and a client generator read, none of them a tenant's data: `/openapi.json`
 * (generated once from the contract), the API reference page, `/metrics` (behind its own token
 * when one is set) and `/healthz`.
 */
import { Router } from 'express';
import { openApiDocument } from '@mandate/contract';
import { isProblemCode, PROBLEM_CODES } from '@mandate/problems';
import { apiReferenceRoutes } from './apiReference.js';
import type { Metrics } from './metrics.js';
import { metricsAccess } from './metricsAccess.js';

/** What `/healthz` reports: the database engine, the identity mode, definitions loaded and import conflicts. */
export interface HealthFacts {
  database: string;
  auth: string;
  definitions: () => number;
  definitionImportConflicts?: number;
}

export function operationsRoutes(metrics: Metrics, metricsToken: string | undefined, health: HealthFacts): Router {
  const router = Router();
  // Each problem code is named with its catalogue sentence.
  const document = openApiDocument({ describeProblem: (code) => (isProblemCode(code) ? PROBLEM_CODES[code].sentence : undefined) });
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/api/reference', apiReferenceRoutes());
  router.get('/metrics', metricsAccess(metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  router.get('/healthz', (_req, res) => {
    const { database, auth, definitionImportConflicts } = health;
    res.json({ status: 'ok', database, auth, definitions: health.definitions(), ...(definitionImportConflicts !== undefined ? { definitionImportConflicts } : {}) });
  });
  return router;
}
