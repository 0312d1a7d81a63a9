import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { UnauthenticatedError } from '@mandate/problems';

/**
 * Guards `/metrics` with a bearer token of its own (`MANDATE_METRICS_TOKEN`) when one is set: the
 * queue gauges count every tenant's open items, which no tenant's user should read, and the
 * scraper is a machine with a static secret, not a person with a JWT. Without a token the
 * endpoint stays open, for a laptop or a network that only the scraper reaches (docs/runtime.md).
 */
export function metricsAccess(token: string | undefined): (req: Request, res: Response, next: NextFunction) => void {
  if (token === undefined) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, _res, next) => {
    const given = /^Bearer (\S+)$/.exec(req.header('authorization') ?? '')?.[1];
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new UnauthenticatedError('METRICS_TOKEN_REQUIRED', 'send Authorization: Bearer <the metrics token>');
    next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
