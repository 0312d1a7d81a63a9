import { WORK_ITEM_STATES } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_ACTIONS, lifecycleTransition, type LifecycleAction, type LifecycleArguments, type LifecycleTransition } from './lifecycleTransition.js';

const OPEN = ['available', 'claimed', 'delegated', 'escalated'] as const;
const FINISHED = ['decided', 'completed', 'cancelled', 'obsolete', 'expired'] as const;
const item = (state: string) => ({ state, escalationLevel: 1, escalationGroup: 'SALES_DIRECTORS' });
const args: LifecycleArguments = { actor: 'sam', delegateTo: 'lena', assignee: 'raj' };

/** What each action does to an open item, whatever its state (the action policy decides from which states it is offered). */
const FROM_AN_OPEN_STATE: Record<LifecycleAction, LifecycleTransition> = {
  CLAIM: { ok: true, eventType: 'TaskClaimed', changes: { state: 'claimed', assignee: 'sam', owner: 'sam' } },
  RELEASE: { ok: true, eventType: 'TaskReleased', changes: { state: 'available', assignee: undefined } },
  DELEGATE: { ok: true, eventType: 'TaskDelegated', changes: { state: 'delegated', delegatedTo: 'lena' } },
  RESOLVE_DELEGATION: { ok: true, eventType: 'TaskDelegationResolved', changes: { state: 'claimed', delegatedTo: undefined } },
  REASSIGN: { ok: true, eventType: 'TaskAssigned', changes: { state: 'claimed', assignee: 'raj', owner: 'raj', delegatedTo: undefined } },
  ESCALATE: { ok: true, eventType: 'TaskEscalated', changes: { state: 'escalated', assignee: undefined, escalationLevel: 2, slaWarnAt: undefined, slaEscalateAt: undefined }, candidateGroups: ['SALES_DIRECTORS'] },
  COMMENT: { ok: true, eventType: 'TaskCommented', changes: {} },
};

describe('lifecycleTransition', () => {
  it('covers every state the action policy can name and every lifecycle action', () => {
    expect([...OPEN, ...FINISHED].sort()).toEqual([...WORK_ITEM_STATES].sort());
    expect(Object.keys(FROM_AN_OPEN_STATE).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
  });

  describe.each(OPEN)('from %s', (state) => {
    it.each(LIFECYCLE_ACTIONS)('%s', (action) => {
      // toStrictEqual: a cleared field is present with undefined, a kept one is absent.
      expect(lifecycleTransition(item(state), action, args)).toStrictEqual(FROM_AN_OPEN_STATE[action]);
    });
  });

  describe.each(FINISHED)('from %s (finished)', (state) => {
    it.each(LIFECYCLE_ACTIONS)('%s moves nothing: INVALID_STATE', (action) => {
      expect(lifecycleTransition(item(state), action, args)).toStrictEqual({ ok: false, kind: 'state', violation: { code: 'INVALID_STATE', message: `${action} is not allowed: the item is ${state}, its lifecycle is over` } });
    });
  });

  it.each(OPEN)('from %s, a delegation or reassignment without its person changes nothing', (state) => {
    expect(lifecycleTransition(item(state), 'DELEGATE', { actor: 'sam' })).toStrictEqual({ ok: false, kind: 'input', violation: { code: 'DELEGATE_REQUIRED', message: 'name who is asked for input (delegateTo)' } });
    expect(lifecycleTransition(item(state), 'REASSIGN', { actor: 'sam', assignee: '' })).toStrictEqual({ ok: false, kind: 'input', violation: { code: 'ASSIGNEE_REQUIRED', message: 'name the new assignee' } });
  });

  it('an escalation without an escalation group keeps the candidate groups', () => {
    expect(lifecycleTransition({ state: 'claimed', escalationLevel: 0 }, 'ESCALATE', args)).toStrictEqual({ ok: true, eventType: 'TaskEscalated', changes: { state: 'escalated', assignee: undefined, escalationLevel: 1, slaWarnAt: undefined, slaEscalateAt: undefined } });
  });

  it('a state the runtime does not know is not open either', () => {
    expect(lifecycleTransition(item('archived'), 'COMMENT', args)).toMatchObject({ ok: false, kind: 'state', violation: { code: 'INVALID_STATE' } });
  });
});
