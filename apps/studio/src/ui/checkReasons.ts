/**
 * Plain-language explanations of the policy's check codes, for disabled actions and refusals. The
 * codes come from the runtime (allowed-actions `failedChecks`, problem `code`); unknown codes are
 * shown as they are.
 */
const EXPLANATIONS: Record<string, string> = {
  FOUR_EYES_VIOLATION: 'Four-eyes rule: you requested this or own the business object, so another person must decide',
  AUTHORITY_LIMIT_EXCEEDED: 'Above your approval authority',
  INVALID_STATE: 'Not possible in the item\'s current state',
  NOT_ASSIGNEE: 'Claim the item first: only its assignee may do this',
  NOT_A_CANDIDATE: 'You are not in one of the item\'s candidate groups',
  NOT_A_PARTICIPANT: 'Only people working on the item may do this',
  NOT_THE_DELEGATE: 'Only the person the item was delegated to may do this',
  MANAGER_AUTHORITY_REQUIRED: 'Needs a team manager',
  FORBIDDEN_ACTION: 'Forbidden by the action policy',
  STALE_BUSINESS_OBJECT: 'The business object changed since this item was created',
  EVIDENCE_REQUIRED: 'Required evidence is missing',
  REASON_CODE_REQUIRED: 'A reason code is required',
  REASON_CODE_NOT_ALLOWED: 'That reason is not one the task type declares for this action',
  REASON_CODES_NOT_DECLARED: 'This item\'s task type version declares no reasons for this action; an administrator can migrate it to a version that does',
  COMMENT_REQUIRED: 'A comment is required',
  ACKNOWLEDGEMENT_REQUIRED: 'The acknowledgement is required',
  ELEVATED_ROLE_REQUIRED: 'Needs an elevated role',
  SECOND_APPROVAL_PENDING: 'Waiting for a second approval',
  CONDITION_NOT_MET: 'The policy\'s conditions are not met',
};

/** The explanation of a check code, or the code itself when unknown. */
export function explainCheck(code: string): string {
  return EXPLANATIONS[code] ?? code;
}

