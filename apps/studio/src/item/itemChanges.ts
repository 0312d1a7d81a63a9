/**
 * What changed on a work item between the version a worker decided on and the one the runtime
 * has now: shown when a command answers 409 (stale business object, obsolete item, concurrent
 * change), so the worker sees why instead of just "conflict".
 */
import type { WorkItem } from '@mandate/client';
import type { TFunction } from 'i18next';

/** One changed fact, as text. */
export interface ItemChange {
  label: string;
  before: string;
  after: string;
}

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** camelCase or snake_case as words: `requestedDiscountPercent` -> "Requested discount percent". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type ItemFacts = Pick<WorkItem, 'state' | 'businessObject' | 'assignee' | 'delegatedTo' | 'outcomeReason' | 'pendingApproval' | 'evidence' | 'rowVersion' | 'escalationLevel'>;

/** The changes from `before` to `after`, business object and state first, then evidence field by field; labels in the words of `t` (the `item` namespace). */
export function itemChanges(before: ItemFacts, after: ItemFacts, t: TFunction): ItemChange[] {
  const changes: ItemChange[] = [];
  const add = (label: string, a: unknown, b: unknown) => {
    if (text(a) !== text(b)) changes.push({ label, before: text(a), after: text(b) });
  };
  const approval = (facts: ItemFacts) => (facts.pendingApproval ? t('changes.secondApprovalValue', { code: facts.pendingApproval.code, who: facts.pendingApproval.requestedBy }) : undefined);
  add(t('changes.version', { type: after.businessObject.type }), before.businessObject.version, after.businessObject.version);
  add(t('changes.revision', { type: after.businessObject.type }), before.businessObject.revision, after.businessObject.revision);
  add(t('changes.status'), before.state, after.state);
  add(t('changes.outcome'), before.outcomeReason, after.outcomeReason);
  add(t('changes.assignee'), before.assignee, after.assignee);
  add(t('changes.delegatedTo'), before.delegatedTo, after.delegatedTo);
  add(t('changes.escalationLevel'), before.escalationLevel, after.escalationLevel);
  add(t('changes.secondApproval'), approval(before), approval(after));
  const keys = [...new Set([...Object.keys(before.evidence), ...Object.keys(after.evidence)])].sort();
  for (const key of keys) add(labelOf(key), before.evidence[key], after.evidence[key]);
  return changes;
}
