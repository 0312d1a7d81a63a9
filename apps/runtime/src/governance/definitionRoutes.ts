import { Router, type Request } from 'express';
import { NotFoundError } from '@mandate/problems';
import { requestSchemas, validBody, validParams, validQuery } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { Approve, CreateDraft, DefinitionGovernanceService, UpdateDraft } from './DefinitionGovernanceService.js';
import type { DefinitionReferenceService } from './DefinitionReferenceService.js';
import type { MigrateWorkItems, WorkItemMigrationService } from './WorkItemMigrationService.js';

interface DefinitionPath {
  kind: string;
  id: string;
  version?: string;
}

const pathOf = (req: Request) => validParams<DefinitionPath>(requestSchemas.definitionPath, { ...req.params });
const versionOf = (req: Request) => {
  const { kind, id, version } = pathOf(req);
  return { kind, id, version: Number(version) };
};

/** Routes of `/definitions`: they parse input, call the governance services and write the result. */
export function definitionRoutes(governance: DefinitionGovernanceService, migrations: WorkItemMigrationService, references: DefinitionReferenceService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { kind } = validQuery<{ kind?: string }>(requestSchemas.definitionListQuery, req.query);
    const principal = principalOf(res);
    res.json({ definitions: await references.annotate(principal, await governance.list(principal, kind)) });
  });

  router.get('/import-conflicts', (_req, res) => {
    res.json(governance.importConflicts(principalOf(res)));
  });

  router.get('/:kind/:id/versions', async (req, res) => {
    const { kind, id } = pathOf(req);
    res.json({ versions: await governance.versions(principalOf(res), kind, id) });
  });

  router.get('/:kind/:id/references', async (req, res) => {
    const { kind, id } = pathOf(req);
    res.json(await references.references(principalOf(res), kind, id));
  });

  router.get('/:kind/:id/versions/:version', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    res.json(await governance.version(principalOf(res), kind, id, version));
  });

  router.get('/:kind/:id/diff', async (req, res) => {
    const { kind, id } = pathOf(req);
    const q = validQuery<{ from: string; to: string }>(requestSchemas.definitionDiffQuery, req.query);
    res.json(await governance.diff(principalOf(res), kind, id, Number(q.from), Number(q.to)));
  });

  router.post('/:kind/:id/drafts', async (req, res) => {
    const { kind, id } = pathOf(req);
    const body = validBody<CreateDraft>(requestSchemas.createDraft, req.body ?? {});
    res.status(201).json(await governance.createDraft(principalOf(res), kind, id, body));
  });

  router.put('/:kind/:id/versions/:version', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    const body = validBody<UpdateDraft>(requestSchemas.updateDraft, req.body);
    res.json(await governance.updateDraft(principalOf(res), kind, id, version, body));
  });

  router.post('/:kind/:id/versions/:version/submit', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    validBody(requestSchemas.definitionCommand, req.body ?? {});
    res.json(await governance.submit(principalOf(res), kind, id, version));
  });

  router.post('/:kind/:id/versions/:version/approve', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    const body = validBody<Approve>(requestSchemas.approve, req.body ?? {});
    res.json(await governance.approve(principalOf(res), kind, id, version, body));
  });

  router.post('/:kind/:id/versions/:version/reject', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    const { comment } = validBody<{ comment: string }>(requestSchemas.review, req.body ?? {});
    res.json(await governance.reject(principalOf(res), kind, id, version, comment));
  });

  router.post('/:kind/:id/versions/:version/publish', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    const { effectiveFrom } = validBody<{ effectiveFrom?: string }>(requestSchemas.publish, req.body ?? {});
    res.json(await governance.publish(principalOf(res), kind, id, version, effectiveFrom));
  });

  router.post('/:kind/:id/versions/:version/retire', async (req, res) => {
    const { kind, id, version } = versionOf(req);
    validBody(requestSchemas.definitionCommand, req.body ?? {});
    res.json(await governance.retire(principalOf(res), kind, id, version));
  });

  router.post('/:kind/:id/migrations', async (req, res) => {
    const { kind, id } = pathOf(req);
    if (kind !== 'TaskType') throw new NotFoundError('ROUTE_NOT_FOUND', 'migrations move work items between TaskType versions: POST /definitions/TaskType/{id}/migrations');
    const body = validBody<MigrateWorkItems>(requestSchemas.migrateWorkItems, req.body);
    res.json(await migrations.migrate(principalOf(res), id, body));
  });

  return router;
}
