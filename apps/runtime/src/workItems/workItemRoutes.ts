import { Router, type Request } from 'express';
import type { WorkItemFilter } from '@mandate/store';
import { InputError } from '@mandate/problems';
import { requestSchemas, validBody, validQuery } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { RecoveryActionInput, RecoveryActionService } from './RecoveryActionService.js';
import type { CreateWorkItem, DecideCommand, LifecycleAction, LifecycleInput } from './types.js';
import type { WorkItemCommands } from './WorkItemCommands.js';
import type { WorkItemQueries } from './WorkItemQueries.js';

const param = (req: Request, name: string) => String(req.params[name] ?? '');

/** The queue filters of a query. */
interface QueueQuery {
  status?: string;
  taskType?: string;
  assignee?: string;
  candidateGroup?: string;
  businessObjectType?: string;
  businessObjectId?: string;
  region?: string;
  productFamily?: string;
  priorityMin?: string;
  overdue?: 'true' | 'false';
}

interface WorkItemQuery extends QueueQuery {
  limit?: string;
  cursor?: string;
  /** `summary`: items without evidence (a worklist's rows); `full` (default): each item projected for the caller. */
  view?: 'full' | 'summary';
}

/** The queue filter of a validated query; `overdue` is judged at the server's clock. */
function filterOf(q: QueueQuery, now: () => Date): WorkItemFilter {
  return {
    ...(q.status ? { state: q.status } : {}),
    ...(q.taskType ? { taskType: q.taskType } : {}),
    ...(q.assignee ? { assignee: q.assignee } : {}),
    ...(q.candidateGroup ? { candidateGroup: q.candidateGroup } : {}),
    ...(q.businessObjectType ? { businessObjectType: q.businessObjectType } : {}),
    ...(q.businessObjectId ? { businessObjectId: q.businessObjectId } : {}),
    ...(q.region ? { region: q.region } : {}),
    ...(q.productFamily ? { productFamily: q.productFamily } : {}),
    ...(q.priorityMin !== undefined ? { priorityMin: Number(q.priorityMin) } : {}),
    ...(q.overdue === 'true' ? { overdueAt: now().toISOString() } : {}),
  };
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('Idempotency-Key');
  if (key !== undefined && !/^[A-Za-z0-9_.:-]{1,100}$/.test(key)) throw new InputError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-100 characters of letters, digits and _.:-');
  return key;
}

/** Routes of `/work-items`: they parse input, call the services and write the result. */
export function workItemRoutes(queries: WorkItemQueries, commands: WorkItemCommands, recovery: RecoveryActionService, now: () => Date): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = validQuery<WorkItemQuery>(requestSchemas.workItemQuery, req.query);
    const [principal, filter] = [principalOf(res), filterOf(q, now)];
    const page = { ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
    res.json(q.view === 'summary' ? await queries.listSummaries(principal, filter, page) : await queries.list(principal, filter, page));
  });

  router.get('/count', async (req, res) => {
    const { max, ...q } = validQuery<QueueQuery & { max?: string }>(requestSchemas.workItemCountQuery, req.query);
    const [principal, filter] = [principalOf(res), filterOf(q, now)];
    res.json(max === undefined ? await queries.count(principal, filter) : await queries.countUpTo(principal, filter, Number(max)));
  });

  router.post('/', async (req, res) => {
    const body = validBody<CreateWorkItem>(requestSchemas.createWorkItem, req.body);
    res.status(201).json(await commands.create(principalOf(res), body));
  });

  router.get('/:id', async (req, res) => {
    res.json(await queries.get(principalOf(res), param(req, 'id')));
  });

  router.get('/:id/allowed-actions', async (req, res) => {
    res.json(await queries.allowedActions(principalOf(res), param(req, 'id')));
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
      res.json(await commands.act(principalOf(res), param(req, 'id'), action, body));
    });
  }

  router.post('/:id/decisions', async (req, res) => {
    const body = validBody<DecideCommand>(requestSchemas.decide, req.body);
    const { status, body: response } = await commands.decide(principalOf(res), param(req, 'id'), body, idempotencyKeyOf(req));
    res.status(status).type('application/json').send(response);
  });

  router.get('/:id/actions', async (req, res) => {
    res.json({ actions: await recovery.history(principalOf(res), param(req, 'id')) });
  });

  router.post('/:id/actions/:actionCode', async (req, res) => {
    const code = param(req, 'actionCode');
    if (!/^[A-Z][A-Z0-9_]{0,79}$/.test(code)) throw new InputError('INVALID_ACTION_CODE', 'an action code is SCREAMING_SNAKE_CASE, e.g. RUN_RECONCILIATION');
    const body = validBody<RecoveryActionInput>(requestSchemas.recoveryAction, req.body ?? {});
    const { status, body: response } = await recovery.run(principalOf(res), param(req, 'id'), code, body, idempotencyKeyOf(req));
    res.status(status).type('application/json').send(response);
  });

  return router;
}
