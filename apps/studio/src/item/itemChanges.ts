/**
 * What changed on a work item between the version a worker decided on and the one the runtime
 * has now: shown when a command answers 409 (stale business object, obsolete item, concurrent
 * change), so the worker sees why instead of just "conflict".
 */
import type { WorkItem } from '@mandate/client';

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

/** The changes from `before` to `after`, business object and state first, then evidence field by field. */
export function itemChanges(before: ItemFacts, after: ItemFacts): ItemChange[] {
  const changes: ItemChange[] = [];
  const add = (label: string, a: unknown, b: unknown) => {
    if (text(a) !== text(b)) changes.push({ label, before: text(a), after: text(b) });
  };
  add(`${after.businessObject.type} version`, before.businessObject.version, after.businessObject.version);
  add(`${after.businessObject.type} revision`, before.businessObject.revision, after.businessObject.revision);
  add('Status', before.state, after.state);
  add('Outcome', before.outcomeReason, after.outcomeReason);
  add('Assignee', before.assignee, after.assignee);
  add('Delegated to', before.delegatedTo, after.delegatedTo);
  add('Escalation level', before.escalationLevel, after.escalationLevel);
  add('Waiting for second approval', before.pendingApproval ? `${before.pendingApproval.code} by ${before.pendingApproval.requestedBy}` : undefined, after.pendingApproval ? `${after.pendingApproval.code} by ${after.pendingApproval.requestedBy}` : undefined);
  const keys = [...new Set([...Object.keys(before.evidence), ...Object.keys(after.evidence)])].sort();
  for (const key of keys) add(labelOf(key), before.evidence[key], after.evidence[key]);
  return changes;
}
