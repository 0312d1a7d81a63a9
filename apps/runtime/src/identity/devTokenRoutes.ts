/**
 * `POST /auth/dev/token`: a signed token for a user of the development directory, so a laptop's
 * studio and scripts can sign in without an identity provider. Mounted only when the identity
 * issues such tokens (development mode); rate-limited per address, as it needs no token itself.
 */
import { Router, type RequestHandler } from 'express';
import { requestSchemas, validBody } from '../http/requestSchemas.js';

export function devTokenRoutes(issue: (userId: string) => Promise<string>, addressLimiter: RequestHandler): Router {
  const router = Router();
  router.post('/auth/dev/token', addressLimiter, async (req, res) => {
    const { userId } = validBody<{ userId: string }>(requestSchemas.devToken, req.body);
    res.json({ token: await issue(userId) });
  });
  return router;
}
