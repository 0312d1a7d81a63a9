/**
 * Reason codes: a reason a command carries is one of the item's pinned
 * reason-code set, declared for what the command does. A code names in `appliesTo` the decision
 * options and the actions (REASSIGN, ESCALATE, ...) it may justify; a decision option and an
 * action of the same code (ESCALATE on approvals) share their reasons. Decisions, their replay and
 * lifecycle commands all check through here, so no command accepts a reason another would refuse.
 *
 * A set that declares no reason for an action (a version published before lifecycle reasons were
 * declared) accepts none for it; where the action policy requires one, the action is not available
 * on items pinned to that version (`REASON_CODES_NOT_DECLARED`, see compilePolicy).
 */
import type { ReasonCodeSet } from '@mandate/definitions';
import type { Violation } from './validateDecision.js';

/** One code of a reason-code set. */
export type ReasonCode = ReasonCodeSet['codes'][number];

/** Why a command's reason code is refused: none where one is required, or one the set does not declare for the action. */
export type ReasonCodeFailure = 'REASON_CODE_REQUIRED' | 'REASON_CODE_NOT_ALLOWED';

/**
 * The codes of `set` that may justify `action` (a decision option or an action code), in the
 * set's order.
 *
 * @example
 * reasonCodesFor(pinned.reasonCodes, 'REASSIGN').map((c) => c.code); // ['WORKLOAD', 'ASSIGNEE_UNAVAILABLE', 'EXPERTISE_REQUIRED']
 */
export function reasonCodesFor(set: ReasonCodeSet, action: string): ReasonCode[] {
  return set.codes.filter((c) => c.appliesTo.includes(action));
}

/**
 * The check alone, without messages (the replay path runs it for every stored decision): the
 * failure code, or undefined when the reason (or its absence) is acceptable.
 */
export function reasonCodeFailure(set: ReasonCodeSet, action: string, reasonCode: string | undefined, required: boolean): ReasonCodeFailure | undefined {
  if (reasonCode === undefined) return required ? 'REASON_CODE_REQUIRED' : undefined;
  return set.codes.some((c) => c.code === reasonCode && c.appliesTo.includes(action)) ? undefined : 'REASON_CODE_NOT_ALLOWED';
}

/**
 * The violations of a command's reason code for `action`: `REASON_CODE_REQUIRED` when the
 * definitions require a reason and none is given, `REASON_CODE_NOT_ALLOWED` when the code is not
 * in the set or does not apply to the action. Empty when it is acceptable.
 *
 * @example
 * reasonCodeViolations(pinned.reasonCodes, 'REASSIGN', 'BECAUSE_I_SAY_SO', { required: true });
 * // [{ code: 'REASON_CODE_NOT_ALLOWED', message: 'BECAUSE_I_SAY_SO is not a reason for REASSIGN in …', pointer: '/reasonCode' }]
 */
export function reasonCodeViolations(set: ReasonCodeSet, action: string, reasonCode: string | undefined, { required }: { required: boolean }): Violation[] {
  const failure = reasonCodeFailure(set, action, reasonCode, required);
  if (failure === 'REASON_CODE_REQUIRED') return [{ code: failure, message: `${action} needs a reason code from ${set.id}`, pointer: '/reasonCode' }];
  if (failure === 'REASON_CODE_NOT_ALLOWED') {
    const declared = reasonCodesFor(set, action).map((c) => c.code);
    const known = declared.length ? `its reasons for ${action}: ${declared.join(', ')}` : `it declares none for ${action}`;
    return [{ code: failure, message: `${reasonCode} is not a reason for ${action} in ${set.id}@${set.version}; ${known}`, pointer: '/reasonCode' }];
  }
  return [];
}
