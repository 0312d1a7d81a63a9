/**
 * Who may hold an item: a candidate (one of its candidate groups or users), or a member of its
 * escalation group (manager authority). Claiming checks it for the actor; reassigning checks it
 * for the new assignee, so a manager cannot hand a decision to someone outside; deciding checks
 * it again, for the actor who holds the item.
 */
import type { WorkItemSnapshot } from './PolicyInput.js';

/** How a person relates to an item's routing. */
export interface ClaimEligibility {
  /** In one of the candidate groups, or a candidate user. */
  isCandidate: boolean;
  /** In the item's escalation group. */
  isEscalationOwner: boolean;
}

/** The routing relation of a person (id and groups) to an item. */
export function claimEligibility(item: Pick<WorkItemSnapshot, 'candidateGroups' | 'candidateUsers' | 'escalationGroup'>, person: { id: string; groups: readonly string[] }): ClaimEligibility {
  return {
    isCandidate: item.candidateGroups.some((g) => person.groups.includes(g)) || (item.candidateUsers ?? []).includes(person.id),
    isEscalationOwner: item.escalationGroup !== undefined && person.groups.includes(item.escalationGroup),
  };
}
