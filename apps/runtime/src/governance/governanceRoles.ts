import { NotAllowedError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';

/** The role that changes definitions and migrates work items between their versions. */
export const GOVERNANCE_ADMIN = 'GOVERNANCE_ADMIN';

/** Who may read drafts and versions under review: governance admins and auditors. */
export const GOVERNANCE_READERS: readonly string[] = [GOVERNANCE_ADMIN, 'AUDITOR'];

/** Whether the principal may read every definition version, drafts included. */
export function isGovernanceReader(principal: Principal): boolean {
  return principal.roles.some((r) => GOVERNANCE_READERS.includes(r));
}

/** Refuses (403 GOVERNANCE_ADMIN_REQUIRED) anyone without the governance admin role. */
export function assertGovernanceAdmin(principal: Principal): void {
  if (!principal.roles.includes(GOVERNANCE_ADMIN)) throw new NotAllowedError('GOVERNANCE_ADMIN_REQUIRED', `this needs the ${GOVERNANCE_ADMIN} role`);
}
