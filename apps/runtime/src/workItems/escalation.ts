import type { WorkItemChanges, WorkItemRecord } from '@mandate/store';

/**
 * What escalating an item changes, by hand (`/escalate`) or at its SLA deadline: one level up, no
 * assignee, its SLA warning and escalation instants spent (it is not escalated again for them), and
 * handed to the SLA terms' escalation group when it has one. Each caller recomputes the priority
 * for the escalated item and writes these with it.
 */
export function escalationOf(item: WorkItemRecord): { changes: WorkItemChanges & Pick<WorkItemRecord, 'state' | 'escalationLevel'>; candidateGroups?: string[] } {
  return {
    changes: { state: 'escalated', assignee: undefined, escalationLevel: item.escalationLevel + 1, slaWarnAt: undefined, slaEscalateAt: undefined },
    ...(item.escalationGroup ? { candidateGroups: [item.escalationGroup] } : {}),
  };
}
