import { NotAllowedError } from '@mandate/problems';
import type { Principal } from './Principal.js';

/** Roles that read everything of their tenant and write nothing (trust model: auditors). */
export const READ_ONLY_ROLES: readonly string[] = ['AUDITOR'];

/** Whether a principal (or a directory entry) holds a read-only role: then it writes nothing, whatever else it holds. */
export function isReadOnly(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.some((role) => READ_ONLY_ROLES.includes(role));
}

/** Methods that change nothing; every other method on an authenticated route is a write. */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The one read-only rule, applied by the authentication middleware to every request: a principal
 * with a read-only role sends no write (POST, PUT, PATCH, DELETE) to any route, so no route can
 * forget it. 403 AUDITOR_READ_ONLY.
 */
export function assertMayWrite(method: string, principal: Principal): void {
  if (SAFE_METHODS.includes(method.toUpperCase()) || !isReadOnly(principal)) return;
  throw new NotAllowedError('AUDITOR_READ_ONLY', `${principal.id} holds a read-only role (${principal.roles.filter((r) => READ_ONLY_ROLES.includes(r)).join(', ')}): auditors read everything of their tenant and write nothing`);
}
