import type { NextFunction, Request, Response } from 'express';
import { InputError } from '@mandate/problems';

/**
 * Refuses a body or query holding the NUL character (U+0000, `%00`, `\u0000`) anywhere, keys
 * included: PostgreSQL text cannot store it, so it would fail deep inside a statement as a 500
 * instead of the client's 400. One pass over what express parsed, bounded by the body limit.
 */
export function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  if (holdsNul(req.body) || holdsNul(req.query)) throw new InputError('NUL_CHARACTER', 'text may not contain the NUL character (U+0000)');
  next();
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v));
  return false;
}
