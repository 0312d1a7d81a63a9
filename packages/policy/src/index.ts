/**
 * @mandate/policy: decides, for one actor and one work item at one instant, what may happen and
 * why. Pure: no I/O, and `now` is an input. json-rules-engine is the enforcing evaluator; a
 * compiled evaluator of the same rules serves bulk read paths.
 */
export { PolicyInputError, assertPolicyContext, type Actor, type BusinessObjectSnapshot, type PolicyContext, type PendingApproval, type WorkItemSnapshot, type WorkItemState } from './PolicyInput.js';
export { REDACTED } from './redactTraces.js';
export { pinDefinitions, pinnedFromRefs, PINNED_SLOT, MissingDefinitionError, type PinnedDefinitions } from './PinnedDefinitions.js';
export { compilePolicy, type ActionKind, type ActionSpec, type CompiledPolicy, type CompiledRuleSet } from './compilePolicy.js';
export { policyFor } from './policyCache.js';
export type { EvaluationOptions } from './evaluatePolicy.js';
export { allowedActions, actionBadges, type ActionAvailability, type ActionBadge, type AllowedActions } from './allowedActions.js';
export { validateDecision, type DecisionCommand, type DecisionValidation, type Violation } from './validateDecision.js';
export { reasonCodeFailure, reasonCodesFor, reasonCodeViolations, type ReasonCode, type ReasonCodeFailure } from './reasonCodes.js';
export { visibleView, type VisibleView } from './visibleView.js';
export { priority, type Priority } from './priority.js';
export { sla, slaInstants, type SlaResult } from './sla/sla.js';
export { addBusinessMinutes, isWorkingInstant, prepareCalendar, type PreparedCalendar } from './sla/businessCalendar.js';
export { buildFacts, authorityOf, type FactIssue } from './facts/buildFacts.js';
export { jsonRulesEngineEvaluator } from './rules/jsonRulesEngineEvaluator.js';
export { compiledEvaluator, RuleCompileError } from './rules/compiledEvaluator.js';
export type { ConditionTrace, EvaluatorKind, Facts, RuleOutcome, RuleSetEvaluator, RuleSpec, RuleTrace } from './rules/RuleSpec.js';
export { ImpactReplay, replayImpact, replayImpactBatches } from './replay/replayImpact.js';
export type { ImpactAspect, ImpactExample, ImpactFinding, ImpactReport, ImpactTotals, ReplayCase, ReplayDecision, ReplayOptions } from './replay/ReplayCase.js';
export { canonicalPrincipalId, normalisePrincipalId, PRINCIPAL_ID_PATTERN } from './principalId.js';
export { claimEligibility, type ClaimEligibility } from './claimEligibility.js';
export { LIFECYCLE_ACTIONS, lifecycleTransition, type LifecycleAction, type LifecycleArguments, type LifecycleChanges, type LifecycleEventType, type LifecycleItem, type LifecycleTransition } from './lifecycle/lifecycleTransition.js';
export { escalationOf, type EscalationChanges } from './lifecycle/escalationOf.js';
