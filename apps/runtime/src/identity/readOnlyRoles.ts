import type { Principal } from './Principal.js';

/** Roles that read everything of their tenant and write nothing (trust model: auditors). */
export const READ_ONLY_ROLES: readonly string[] = ['AUDITOR'];

/** Whether a principal (or a directory entry) holds a read-only role: then it writes nothing, whatever else it holds. */
export function isReadOnly(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.some((role) => READ_ONLY_ROLES.includes(role));
}
