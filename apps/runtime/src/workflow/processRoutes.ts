import { Router } from 'express';
import type { EmbeddedWorkflowEngine } from '@mandate/workflow';
import { NotAllowedError, NotFoundError } from '../http/errors.js';
import { requestSchemas, validBody } from '../http/requestSchemas.js';
import { actsForOthers } from '../identity/actsForOthers.js';
import { principalOf } from '../identity/principalOf.js';

/**
 * `/processes`: start processes of the embedded engine and read their state (tenant-scoped).
 * Starting one needs a role the process declares (`mandate:starters`, via `startersOf`).
 */
export function processRoutes(engine: EmbeddedWorkflowEngine, processKeys: readonly string[], startersOf: (processKey: string) => readonly string[]): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json({ processes: processKeys.map((key) => ({ key })) });
  });

  router.post('/:key/instances', async (req, res) => {
    const key = String(req.params.key);
    if (!processKeys.includes(key)) throw new NotFoundError('PROCESS_NOT_FOUND', `no deployed process ${key}; deployed: ${processKeys.join(', ')}`);
    const principal = principalOf(res);
    const starters = startersOf(key);
    if (!principal.roles.some((role) => starters.includes(role))) {
      throw new NotAllowedError('NOT_A_PROCESS_STARTER', `${key} is started by ${starters.length ? `the roles ${starters.join(', ')}` : 'nobody over the API (it declares no mandate:starters)'}`, { starters });
    }
    const body = validBody<{ businessKey?: string; variables?: Record<string, unknown> }>(requestSchemas.startProcess, req.body ?? {});
    // Set after the caller's variables, so they cannot be given: a person who starts a process is its work items' requester (WorkflowBridge).
    const variables = { ...body.variables, startedBy: principal.id, startedByService: actsForOthers(principal) };
    const started = await engine.startInstance({ processKey: key, tenantId: principal.tenant, variables, ...(body.businessKey ? { businessKey: body.businessKey } : {}) });
    res.status(201).json(await instanceView(engine, started.processInstanceId, principal.tenant));
  });

  router.get('/:key/instances/:id', async (req, res) => {
    const view = await instanceView(engine, String(req.params.id), principalOf(res).tenant);
    if (view.processKey !== req.params.key) throw new NotFoundError('PROCESS_INSTANCE_NOT_FOUND', `no instance ${req.params.id} of ${req.params.key}`);
    res.json(view);
  });

  return router;
}

async function instanceView(engine: EmbeddedWorkflowEngine, id: string, tenantId: string) {
  const instance = /^[0-9a-f-]{36}$/i.test(id) ? await engine.getInstance(id) : undefined;
  if (instance?.tenantId !== tenantId) throw new NotFoundError('PROCESS_INSTANCE_NOT_FOUND', `no process instance ${id}`);
  const { id: processInstanceId, processKey, businessKey, status, variables, waitingTasks, endEventId, createdAt, updatedAt } = instance;
  return { processInstanceId, processKey, businessKey, status, variables, waitingTasks, endEventId, createdAt, updatedAt };
}
