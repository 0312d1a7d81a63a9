import type { TFunction } from 'i18next';

/**
 * What the worker should do next with an item, from its state and who they are (a hint: the item
 * screen shows the policy's answer), in the words of `t` (the `worklist` namespace).
 */
export function nextAction(item: { state: string; assignee?: string; delegatedTo?: string; pendingApproval?: { requestedBy: string } }, userId: string, t: TFunction): string {
  if (item.pendingApproval) return item.pendingApproval.requestedBy === userId ? t('next.waitForSecond') : t('next.giveSecond');
  switch (item.state) {
    case 'available':
      return t('next.claimAndDecide');
    case 'claimed':
      return item.assignee === userId ? t('next.reviewAndDecide') : t('next.claimedBy', { who: item.assignee ?? t('next.someone') });
    case 'delegated':
      return item.delegatedTo === userId ? t('next.giveInput') : t('next.waitingFor', { who: item.delegatedTo ?? t('next.theDelegate') });
    case 'escalated':
      return t('next.escalated');
    default:
      return t('next.closed');
  }
}

/** Why an item is blocked, if it is (the `worklist` namespace's words). */
export function blockerOf(item: { state: string; pendingApproval?: { code: string; requestedBy: string }; delegatedTo?: string; outcomeReason?: string }, t: TFunction): string | undefined {
  if (item.pendingApproval) return t('blocker.secondApproval', { code: item.pendingApproval.code, who: item.pendingApproval.requestedBy });
  if (item.state === 'delegated') return t('blocker.delegated', { who: item.delegatedTo ?? t('next.someone') });
  if (item.state === 'obsolete' || item.state === 'expired') return item.outcomeReason ?? (item.state === 'obsolete' ? t('blocker.obsolete') : t('blocker.expired'));
  return undefined;
}
