/**
 * Decision validation: every check a decision command must
 * pass before anything is written, returning all violations with stable codes, not the first.
 */
import type { CompiledPolicy } from './compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from './evaluatePolicy.js';
import type { FactIssue } from './facts/buildFacts.js';
import type { PolicyContext } from './PolicyInput.js';
import { reasonCodeViolations } from './reasonCodes.js';
import type { ConditionTrace } from './rules/RuleSpec.js';
import { failedChecks } from './trace.js';

/** A decision command: the option, its reason and comment, the acknowledgement, the form, and the business object version it was made on. */
export interface DecisionCommand {
  decision: string;
  reasonCode?: string;
  comment?: string;
  /** The decider acknowledged the option's acknowledgement text. */
  acknowledged?: boolean;
  /** The business object version the decider saw. */
  expectedBusinessObjectVersion: number;
  /** The full form data, validated against the task type's decision schema (default: the fields above). */
  form?: Record<string, unknown>;
}

/** One reason a decision cannot be accepted. */
export interface Violation {
  code: string;
  message: string;
  /** JSON Pointer into the form, for payload violations. */
  pointer?: string;
}

/** The outcome of validating a decision. */
export interface DecisionValidation {
  ok: boolean;
  violations: Violation[];
  /** The chosen reason code needs a second approval before the decision takes effect. */
  requiresSecondApproval: boolean;
  trace?: ConditionTrace;
  factIssues: FactIssue[];
}

const CHECK_MESSAGES: Record<string, string> = {
  INVALID_STATE: 'the item is not claimed: only a claimed item can be decided',
  NOT_ASSIGNEE: 'the item is not assigned to you',
  FOUR_EYES_VIOLATION: 'four-eyes: the requester, the business object owner and forbidden roles may not decide',
  AUTHORITY_LIMIT_EXCEEDED: 'your authority limit does not cover this decision',
  TENANT_MISMATCH: 'the item belongs to another tenant',
  EVIDENCE_REQUIRED: 'the evidence this decision needs is missing',
};

/** Validates a decision command for the context's actor. */
export async function validateDecision(
  policy: CompiledPolicy,
  ctx: PolicyContext,
  command: DecisionCommand,
  options: EvaluationOptions = {},
): Promise<DecisionValidation> {
  const { taskType, reasonCodes } = policy.pinned;
  const violations: Violation[] = [];
  const option = taskType.decisionOptions.find((o) => o.code === command.decision);
  if (!option) {
    return {
      ok: false,
      violations: [{ code: 'UNKNOWN_DECISION', message: `${command.decision} is not a decision of ${taskType.id}; options: ${taskType.decisionOptions.map((o) => o.code).join(', ')}` }],
      requiresSecondApproval: false,
      factIssues: [],
    };
  }

  const form = command.form ?? stripUndefined({ decision: command.decision, reasonCode: command.reasonCode, comment: command.comment });
  if (!policy.validateDecisionPayload(form)) {
    for (const e of policy.validateDecisionPayload.errors ?? []) {
      violations.push({ code: 'DECISION_PAYLOAD_INVALID', message: `${e.instancePath || 'the form'} ${e.message ?? 'is invalid'}`, pointer: e.instancePath });
    }
  }
  // The form and the command must say the same thing: the checks below read the command.
  for (const key of ['decision', 'reasonCode', 'comment'] as const) {
    if (form[key] !== undefined && form[key] !== command[key]) {
      violations.push({ code: 'DECISION_PAYLOAD_INVALID', message: `the form's ${key} differs from the command's`, pointer: `/${key}` });
    }
  }

  const reason = command.reasonCode === undefined ? undefined : reasonCodes.codes.find((c) => c.code === command.reasonCode);
  // Only the chosen option's rule: the other actions' outcomes do not bear on this decision.
  const rule = `decision:${command.decision}`;
  const { outcomes, issues } = await runRuleSet(policy, policy.actions.rules.only(rule) ?? policy.actions.rules, ctx, options);
  const outcome = outcomes.find((o) => o.name === rule);
  for (const check of outcome ? failedChecks(outcome.trace) : []) {
    violations.push({ code: check, message: CHECK_MESSAGES[check] ?? check });
  }

  const { item, businessObject } = ctx;
  if (command.expectedBusinessObjectVersion !== businessObject.version || item.businessObjectVersion !== businessObject.version) {
    violations.push({
      code: 'STALE_BUSINESS_OBJECT',
      message: `the decision was made on ${businessObject.type} ${businessObject.id} version ${command.expectedBusinessObjectVersion} (the item binds version ${item.businessObjectVersion}); it is now version ${businessObject.version}`,
    });
  }
  // An unknown current revision is no proof of freshness.
  if (item.businessObjectRevision !== undefined && item.businessObjectRevision !== businessObject.revision) {
    violations.push({ code: 'STALE_BUSINESS_OBJECT', message: `the item binds revision ${item.businessObjectRevision}; the ${businessObject.type} is at revision ${businessObject.revision ?? 'unknown'}` });
  }

  violations.push(...reasonCodeViolations(reasonCodes, command.decision, command.reasonCode, { required: option.requiresReasonCode === true }));
  if (option.requiresComment && !command.comment?.trim()) {
    violations.push({ code: 'COMMENT_REQUIRED', message: `${command.decision} needs a comment` });
  }
  if (option.acknowledgement && command.acknowledged !== true) {
    violations.push({ code: 'ACKNOWLEDGEMENT_REQUIRED', message: `acknowledge: ${option.acknowledgement}` });
  }

  return {
    ok: violations.length === 0,
    violations,
    requiresSecondApproval: reason?.requiresSecondApproval === true && reason.appliesTo.includes(command.decision),
    ...(outcome ? { trace: outcome.trace } : {}),
    factIssues: issues,
  };
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
