/**
 * The lifecycle of a work item as one table: for each lifecycle action, what it does to an open
 * item (the state it moves to, the fields it sets or clears) and the audit event that records it.
 *
 * Why a table, and why here: whether an actor may take an action now is the action policy's
 * (`allowedActions`: the states a task type offers it in, roles, required fields), and differs
 * per task type; what the action then does to the item is the same for every task type. So it is
 * one pure function, tested for every state and action, not a switch inside the runtime. A
 * finished item (decided, completed, cancelled, obsolete, expired) has no lifecycle left: whatever
 * an action policy offers, no action moves it (`INVALID_STATE`, the code of the policy's own state
 * check). Delegation keeps the owner; a claim and a reassignment make the new assignee the owner.
 */
import type { WorkItemState } from '../PolicyInput.js';
import type { Violation } from '../validateDecision.js';
import { escalationOf } from './escalationOf.js';

/** The lifecycle actions, as action policies name them (`category: lifecycle`). */
export const LIFECYCLE_ACTIONS = ['CLAIM', 'RELEASE', 'DELEGATE', 'RESOLVE_DELEGATION', 'REASSIGN', 'ESCALATE', 'COMMENT'] as const;

/** A lifecycle action. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** The states in which an item waits for a person; every other state is finished. */
const OPEN: readonly string[] = ['available', 'claimed', 'delegated', 'escalated'] satisfies WorkItemState[];

/** The audit event of each lifecycle action. */
export type LifecycleEventType = 'TaskClaimed' | 'TaskReleased' | 'TaskDelegated' | 'TaskDelegationResolved' | 'TaskAssigned' | 'TaskEscalated' | 'TaskCommented';

/** What an action changes on the item: a field present with `undefined` is cleared, a field left out keeps its value. */
export interface LifecycleChanges {
  state?: WorkItemState;
  assignee?: string;
  owner?: string;
  delegatedTo?: string;
  escalationLevel?: number;
  slaWarnAt?: string;
  slaEscalateAt?: string;
}

/** The item as the table reads it. */
export interface LifecycleItem {
  state: string;
  escalationLevel: number;
  /** The SLA terms' escalation group: an escalation hands the item to it. */
  escalationGroup?: string;
}

/** Who acts, and whom the action names; ids canonical. */
export interface LifecycleArguments {
  /** Who takes the action: a claim assigns the item to them. */
  actor: string;
  /** DELEGATE: who is asked for input. */
  delegateTo?: string;
  /** REASSIGN: the new assignee (whom the caller has checked may hold the item). */
  assignee?: string;
}

/**
 * What an action does: the event and the changes (and, for an escalation to a group, the item's
 * new candidate groups); or why it does nothing: `state`, the item is finished (a conflict), or
 * `input`, the action needs a person it was not given.
 */
export type LifecycleTransition =
  | { ok: true; eventType: LifecycleEventType; changes: LifecycleChanges; candidateGroups?: string[] }
  | { ok: false; kind: 'state' | 'input'; violation: Violation };

/**
 * The transition of `item` under `action` (see the module comment).
 *
 * @example
 * lifecycleTransition({ state: 'available', escalationLevel: 0 }, 'CLAIM', { actor: 'sam' });
 * // { ok: true, eventType: 'TaskClaimed', changes: { state: 'claimed', assignee: 'sam', owner: 'sam' } }
 * lifecycleTransition({ state: 'decided', escalationLevel: 0 }, 'CLAIM', { actor: 'sam' });
 * // { ok: false, kind: 'state', violation: { code: 'INVALID_STATE', message: 'CLAIM is not allowed: the item is decided, its lifecycle is over' } }
 */
export function lifecycleTransition(item: LifecycleItem, action: LifecycleAction, args: LifecycleArguments): LifecycleTransition {
  if (!OPEN.includes(item.state)) {
    return { ok: false, kind: 'state', violation: { code: 'INVALID_STATE', message: `${action} is not allowed: the item is ${item.state}, its lifecycle is over` } };
  }
  switch (action) {
    case 'CLAIM':
      return { ok: true, eventType: 'TaskClaimed', changes: { state: 'claimed', assignee: args.actor, owner: args.actor } };
    case 'RELEASE':
      return { ok: true, eventType: 'TaskReleased', changes: { state: 'available', assignee: undefined } };
    case 'DELEGATE':
      if (!args.delegateTo) return { ok: false, kind: 'input', violation: { code: 'DELEGATE_REQUIRED', message: 'name who is asked for input (delegateTo)' } };
      return { ok: true, eventType: 'TaskDelegated', changes: { state: 'delegated', delegatedTo: args.delegateTo } };
    case 'RESOLVE_DELEGATION':
      return { ok: true, eventType: 'TaskDelegationResolved', changes: { state: 'claimed', delegatedTo: undefined } };
    case 'REASSIGN':
      if (!args.assignee) return { ok: false, kind: 'input', violation: { code: 'ASSIGNEE_REQUIRED', message: 'name the new assignee' } };
      return { ok: true, eventType: 'TaskAssigned', changes: { state: 'claimed', assignee: args.assignee, owner: args.assignee, delegatedTo: undefined } };
    case 'ESCALATE': {
      const escalation = escalationOf(item);
      return { ok: true, eventType: 'TaskEscalated', changes: escalation.changes, ...(escalation.candidateGroups ? { candidateGroups: escalation.candidateGroups } : {}) };
    }
    case 'COMMENT':
      return { ok: true, eventType: 'TaskCommented', changes: {} };
  }
}
