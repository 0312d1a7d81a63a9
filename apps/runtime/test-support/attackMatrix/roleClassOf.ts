// Test support for the attack matrix: the class of a caller against a target, the columns of the
// matrix's table. A caller's class follows from its token's claims and the target alone.
import { DEV_USERS } from '../../src/identity/devIdentity.js';
import type { Caller, SeededItem } from './matrixWorld.js';
import { HOME_TENANT } from './matrixWorld.js';

/** The columns of the attack matrix. */
export const ROLE_CLASSES = ['anonymous', 'otherTenant', 'colleague', 'candidate', 'manager', 'escalationOwner', 'workflowOperator', 'auditor', 'governance', 'contributor', 'service'] as const;

/**
 * - `anonymous`: no token. `otherTenant`: a valid token of another tenant (raj).
 * - `colleague`: a person of the tenant with no relation to the target.
 * - `candidate`: a person in one of the item's candidate groups; `manager`: a candidate also in its
 *   escalation group; `escalationOwner`: in the escalation group without being a candidate.
 * - `workflowOperator`: a person with the role WORKFLOW_OPERATOR (process targets).
 * - `auditor`, `service`: by role. `governance`: a governance admin; `contributor`: an admin who drafted or edited the target version.
 */
export type RoleClass = (typeof ROLE_CLASSES)[number];

/** What the class depends on besides the caller. */
export type ClassTarget = { kind: 'none' } | { kind: 'item'; item: SeededItem } | { kind: 'process' } | { kind: 'definition'; contributors: readonly string[] };

/** The class of `caller` against `target`. */
export function roleClassOf(caller: Caller, target: ClassTarget): RoleClass {
  if (caller === 'anonymous') return 'anonymous';
  const user = DEV_USERS[caller];
  if (!user) throw new Error(`no demo user ${caller}`);
  if (user.tenant !== HOME_TENANT) return 'otherTenant';
  if (user.roles.includes('AUDITOR')) return 'auditor';
  if (user.roles.includes('SERVICE')) return 'service';
  if (user.roles.includes('GOVERNANCE_ADMIN')) return target.kind === 'definition' && target.contributors.includes(caller) ? 'contributor' : 'governance';
  if (target.kind === 'item') {
    const { escalationGroup, candidateGroups } = target.item;
    const escalates = escalationGroup !== undefined && user.groups.includes(escalationGroup);
    const works = user.groups.some((g) => candidateGroups.includes(g));
    if (works) return escalates ? 'manager' : 'candidate';
    return escalates ? 'escalationOwner' : 'colleague';
  }
  if (target.kind === 'process' && user.roles.includes('WORKFLOW_OPERATOR')) return 'workflowOperator';
  return 'colleague';
}
