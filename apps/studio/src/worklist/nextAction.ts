/** What the worker should do next with an item, from its state and who they are (a hint: the item screen shows the policy's answer). */
export function nextAction(item: { state: string; assignee?: string; delegatedTo?: string; pendingApproval?: { requestedBy: string } }, userId: string): string {
  if (item.pendingApproval) return item.pendingApproval.requestedBy === userId ? 'Wait for a second approver' : 'Give the second approval';
  switch (item.state) {
    case 'available':
      return 'Claim and decide';
    case 'claimed':
      return item.assignee === userId ? 'Review evidence and decide' : `Claimed by ${item.assignee ?? 'someone'}`;
    case 'delegated':
      return item.delegatedTo === userId ? 'Give your input and hand back' : `Waiting for ${item.delegatedTo ?? 'the delegate'}`;
    case 'escalated':
      return 'Escalated: claim and decide';
    default:
      return 'None: the item is closed';
  }
}

/** Why an item is blocked, if it is. */
export function blockerOf(item: { state: string; pendingApproval?: { code: string; requestedBy: string }; delegatedTo?: string; outcomeReason?: string }): string | undefined {
  if (item.pendingApproval) return `Second approval of ${item.pendingApproval.code} asked by ${item.pendingApproval.requestedBy}`;
  if (item.state === 'delegated') return `Delegated to ${item.delegatedTo ?? 'someone'}`;
  if (item.state === 'obsolete' || item.state === 'expired') return item.outcomeReason ?? (item.state === 'obsolete' ? 'Obsolete' : 'Expired');
  return undefined;
}
