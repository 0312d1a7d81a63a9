import type { WorkItemState } from '../PolicyInput.js';
import type { LifecycleChanges } from './lifecycleTransition.js';

/** What escalating an item changes: its state and level are always set. */
export type EscalationChanges = LifecycleChanges & { state: Extract<WorkItemState, 'escalated'>; escalationLevel: number };

/**
 * What escalating an item changes, by hand (`ESCALATE`) or at its SLA deadline: one level up, no
 * assignee, its SLA warning and escalation instants spent (it is not escalated again for them),
 * and handed to the SLA terms' escalation group when it has one (`candidateGroups`). Each caller
 * recomputes the priority for the escalated item and writes it with these.
 *
 * @example
 * escalationOf({ escalationLevel: 0, escalationGroup: 'SALES_DIRECTORS' });
 * // { changes: { state: 'escalated', assignee: undefined, escalationLevel: 1, slaWarnAt: undefined, slaEscalateAt: undefined }, candidateGroups: ['SALES_DIRECTORS'] }
 */
export function escalationOf(item: { escalationLevel: number; escalationGroup?: string }): { changes: EscalationChanges; candidateGroups?: string[] } {
  return {
    changes: { state: 'escalated', assignee: undefined, escalationLevel: item.escalationLevel + 1, slaWarnAt: undefined, slaEscalateAt: undefined },
    ...(item.escalationGroup ? { candidateGroups: [item.escalationGroup] } : {}),
  };
}
