/**
 * Who may bind a work item to a workflow activation (`callerRef`). The reference decides which
 * process instance a decision continues, so a person never sets it (design.md, trust model): only
 * the runtime's workflow bridge and domain services do. The engine replays an activation after a
 * restart or a retried poll and gets its item back; anyone else naming a taken activation is told
 * so (409), never handed the other item.
 */
import type { WorkItemRecord } from '@mandate/store';
import { ConflictError, NotAllowedError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { actsForOthers, SERVICE_ROLE } from '../identity/actsForOthers.js';
import { SYSTEM_ISSUER } from '../identity/systemPrincipal.js';

/** Refuses a `callerRef` from a person: 403 CALLER_REF_NOT_ALLOWED. */
export function assertMaySetCallerRef(principal: Principal, callerRef: unknown): void {
  if (callerRef === undefined || actsForOthers(principal)) return;
  throw new NotAllowedError('CALLER_REF_NOT_ALLOWED', `only the workflow bridge or a service (role ${SERVICE_ROLE}) binds a work item to a workflow activation; leave callerRef out`);
}

/**
 * The answer when the tenant already has a live item for the activation: the item itself for the
 * runtime's own engines (an activation reported again), else 409 CALLER_REF_IN_USE.
 */
export function replayedActivation(principal: Principal, existing: WorkItemRecord): WorkItemRecord {
  if (principal.issuer === SYSTEM_ISSUER) return existing;
  throw new ConflictError('CALLER_REF_IN_USE', 'a live work item is already bound to this workflow activation (callerRef); one activation has one item', { workItemId: existing.id });
}
