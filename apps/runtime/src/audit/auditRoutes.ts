import type { AuditQueryParams } from '@mandate/contract';
import { Router, type RequestHandler } from 'express';
import { requestSchemas, validBody, validQuery } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { AuditCheckpointService } from './AuditCheckpointService.js';
import type { AuditTrailService } from './AuditTrailService.js';

/** Routes of `/audit`, each behind `authenticate`: they parse input, call the services and write the result. */
export function auditRoutes(trail: AuditTrailService, checkpoints: AuditCheckpointService, authenticate: RequestHandler): Router {
  const router = Router();

  router.get('/', authenticate, async (req, res) => {
    const q = validQuery<AuditQueryParams>(requestSchemas.auditQuery, req.query);
    const limit = q.limit ? Number(q.limit) : 500;
    const events = await trail.events(principalOf(res), {
      ...(q.workItemId ? { workItemId: q.workItemId } : {}),
      ...(q.businessObjectId ? { businessObject: { id: q.businessObjectId, ...(q.businessObjectType ? { type: q.businessObjectType } : {}) } } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.after ? { afterSequence: Number(q.after) } : {}),
      limit,
    });
    const last = events[events.length - 1];
    res.json({ events, ...(events.length === limit && last ? { nextAfter: String(last.sequence) } : {}) });
  });

  router.get('/verify', authenticate, async (_req, res) => {
    res.json(await trail.verify(principalOf(res)));
  });

  router.post('/checkpoints', authenticate, async (req, res) => {
    validBody(requestSchemas.auditCheckpoint, req.body ?? {});
    const result = await checkpoints.checkpoint(principalOf(res));
    res.status(result.created ? 201 : 200).json(result);
  });

  return router;
}
