import { Router } from 'express';
import type { StartProcess } from '@mandate/contract';
import type { ProcessInstanceRecord } from '@mandate/store';
import type { EmbeddedWorkflowEngine } from '@mandate/workflow';
import { NotAllowedError, NotFoundError } from '@mandate/problems';
import { requestSchemas, validBody } from '../http/requestSchemas.js';
import { actsForOthers } from '../identity/actsForOthers.js';
import { principalOf } from '../identity/principalOf.js';
import { rawInstanceView, readsProcessInstances, startReceipt, WORKFLOW_OPERATOR_ROLE } from './processInstanceView.js';

/**
 * `/processes`: start processes of the embedded engine and read their state (tenant-scoped; raw
 * state only for services and workflow operators).
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
    const body = validBody<StartProcess>(requestSchemas.startProcess, req.body ?? {});
    // Set after the caller's variables, so they cannot be given: a person who starts a process is its work items' requester (WorkflowBridge).
    const variables = { ...body.variables, startedBy: principal.id, startedByService: actsForOthers(principal) };
    const started = await engine.startInstance({ processKey: key, tenantId: principal.tenant, variables, ...(body.businessKey ? { businessKey: body.businessKey } : {}) });
    const instance = await tenantInstance(engine, started.processInstanceId, principal.tenant);
    res.status(201).json(readsProcessInstances(principal) ? rawInstanceView(instance) : startReceipt(instance));
  });

  router.get('/:key/instances/:id', async (req, res) => {
    const principal = principalOf(res);
    // Refused before the lookup, so a person cannot tell which instance ids exist either.
    if (!readsProcessInstances(principal)) throw new NotAllowedError('PROCESS_INSTANCE_NOT_READABLE', `process instances (their variables) are read by services and workflow operators (role ${WORKFLOW_OPERATOR_ROLE}); read the work items instead`);
    const instance = await tenantInstance(engine, String(req.params.id), principal.tenant);
    if (instance.processKey !== req.params.key) throw new NotFoundError('PROCESS_INSTANCE_NOT_FOUND', `no instance ${req.params.id} of ${req.params.key}`);
    res.json(rawInstanceView(instance));
  });

  return router;
}

async function tenantInstance(engine: EmbeddedWorkflowEngine, id: string, tenantId: string): Promise<ProcessInstanceRecord> {
  const instance = /^[0-9a-f-]{36}$/i.test(id) ? await engine.getInstance(id) : undefined;
  if (instance?.tenantId !== tenantId) throw new NotFoundError('PROCESS_INSTANCE_NOT_FOUND', `no process instance ${id}`);
  return instance;
}
