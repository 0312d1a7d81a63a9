import { Router, type Request } from 'express';
import { InputError } from '../http/errors.js';
import { requestSchemas, validBody } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { CreateWorkItem, DecideCommand, LifecycleAction, LifecycleInput, WorkItemService } from './WorkItemService.js';

const param = (req: Request, name: string) => String(req.params[name] ?? '');

function optionalInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value)) throw new InputError('INVALID_QUERY', `${name} must be an integer`);
  return Number(value);
}

function optionalText(value: unknown, name: string, pattern = /^[A-Za-z0-9_.:@|-]{1,200}$/): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw new InputError('INVALID_QUERY', `${name} is not a valid value`);
  return value;
}

/** Routes of `/work-items`: they parse input, call the service and write the result. */
export function workItemRoutes(service: WorkItemService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = req.query;
    const filter = {
      ...(q.status !== undefined ? { state: optionalText(q.status, 'status')! } : {}),
      ...(q.taskType !== undefined ? { taskType: optionalText(q.taskType, 'taskType')! } : {}),
      ...(q.assignee !== undefined ? { assignee: optionalText(q.assignee, 'assignee')! } : {}),
      ...(q.candidateGroup !== undefined ? { candidateGroup: optionalText(q.candidateGroup, 'candidateGroup')! } : {}),
      ...(q.businessObjectId !== undefined ? { businessObjectId: optionalText(q.businessObjectId, 'businessObjectId')! } : {}),
      ...(q.priorityMin !== undefined ? { priorityMin: optionalInt(q.priorityMin, 'priorityMin')! } : {}),
      ...(q.overdue === 'true' ? { overdueAt: new Date().toISOString() } : {}),
    };
    const limit = optionalInt(q.limit, 'limit');
    const cursor = optionalText(q.cursor, 'cursor', /^[A-Za-z0-9_-]{1,400}$/);
    res.json(await service.list(principalOf(res), filter, { ...(limit !== undefined ? { limit } : {}), ...(cursor ? { cursor } : {}) }));
  });

  router.post('/', async (req, res) => {
    const body = validBody<CreateWorkItem>(requestSchemas.createWorkItem, req.body);
    res.status(201).json(await service.create(principalOf(res), body));
  });

  router.get('/:id', async (req, res) => {
    res.json(await service.get(principalOf(res), param(req, 'id')));
  });

  router.get('/:id/allowed-actions', async (req, res) => {
    res.json(await service.allowedActions(principalOf(res), param(req, 'id')));
  });

  const lifecycleRoutes: [string, LifecycleAction][] = [
    ['claim', 'CLAIM'],
    ['release', 'RELEASE'],
    ['delegate', 'DELEGATE'],
    ['resolve-delegation', 'RESOLVE_DELEGATION'],
    ['reassign', 'REASSIGN'],
    ['escalate', 'ESCALATE'],
    ['comments', 'COMMENT'],
  ];
  for (const [path, action] of lifecycleRoutes) {
    router.post(`/:id/${path}`, async (req, res) => {
      const body = validBody<LifecycleInput>(requestSchemas.lifecycle, req.body ?? {});
      res.json(await service.act(principalOf(res), param(req, 'id'), action, body));
    });
  }

  router.post('/:id/decisions', async (req, res) => {
    const body = validBody<DecideCommand>(requestSchemas.decide, req.body);
    const key = req.header('Idempotency-Key');
    if (key !== undefined && !/^[A-Za-z0-9_.:-]{1,100}$/.test(key)) throw new InputError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-100 characters of letters, digits and _.:-');
    const { status, body: response } = await service.decide(principalOf(res), param(req, 'id'), body, key);
    res.status(status).type('application/json').send(response);
  });

  return router;
}
