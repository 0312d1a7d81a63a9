import { Router, type RequestHandler } from 'express';
import { requestSchemas, validBody } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { BusinessEventService } from './BusinessEventService.js';
import type { BusinessEvent } from './types.js';

/** `POST /events`, behind `authenticate`: a business event from the system that owns the object. */
export function businessEventRoutes(events: BusinessEventService, authenticate: RequestHandler): Router {
  const router = Router();
  router.post('/', authenticate, async (req, res) => {
    const event = validBody<BusinessEvent>(requestSchemas.businessEvent, req.body);
    res.status(202).json(await events.handle(principalOf(res), event));
  });
  return router;
}
