import type { Response } from 'express';
import type { Principal } from './Principal.js';

/** The authenticated principal of a request (set by the authentication middleware). */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}
