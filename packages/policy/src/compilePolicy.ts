/**
 * Compiles a task type version and its pinned policies into rule sets and validators, once. The
 * hot path only looks the result up: it never re-parses JSON, re-adds rules or recompiles schemas.
 *
 * Allowed actions are generated rules, so that json-rules-engine enforces them like every rule in
 * the definitions and every check appears in the trace. Each check is a named leaf; the name is the
 * stable code reported when the check fails.
 */
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, factTypeOfSchema, resolveEvidencePath, type ActionPolicy, type FactType, type ReasonCodeSet, type TaskType } from '@mandate/definitions';
import type { PinnedDefinitions } from './PinnedDefinitions.js';
import { reasonCodesFor } from './reasonCodes.js';
import { compiledEvaluator } from './rules/compiledEvaluator.js';
import { jsonRulesEngineEvaluator } from './rules/jsonRulesEngineEvaluator.js';
import type { ConditionSpec, EvaluatorKind, LeafSpec, RuleSetEvaluator, RuleSpec } from './rules/RuleSpec.js';

/** What kind of action a rule decides. */
export type ActionKind = 'decision' | 'lifecycle' | 'recovery';

/** The static facts about one action, next to its rule. */
export interface ActionSpec {
  code: string;
  label: string;
  kind: ActionKind;
  dangerous: boolean;
  requiredFields: string[];
  requiredAcknowledgements: string[];
  requiresSecondApproval: boolean;
  /** Reason codes that, when chosen for this decision, need a second approval. */
  secondApprovalReasonCodes: string[];
}

/** A rule set with both evaluators, built on first use. */
export interface CompiledRuleSet {
  rules: RuleSpec[];
  evaluator(kind: EvaluatorKind): RuleSetEvaluator;
  compiled(): ReturnType<typeof compiledEvaluator>;
  /** The set of one named rule (cached): a decision needs only its option's rule, not every action's. */
  only(name: string): CompiledRuleSet | undefined;
}

/** A pinned definition set, compiled. */
export interface CompiledPolicy {
  pinned: PinnedDefinitions;
  actions: { specs: ActionSpec[]; forbidden: { code: string; reason: string; instead?: string }[]; rules: CompiledRuleSet };
  priority: CompiledRuleSet;
  sla: CompiledRuleSet;
  visibility: CompiledRuleSet;
  validateDecisionPayload: ValidateFunction;
  /** Evidence paths the rules read, with the type the evidence schema gives them. */
  evidenceTypes: [path: string, type: FactType][];
}

function ruleSet(rules: RuleSpec[]): CompiledRuleSet {
  let jre: RuleSetEvaluator | undefined;
  let compiled: ReturnType<typeof compiledEvaluator> | undefined;
  const getCompiled = () => (compiled ??= compiledEvaluator(rules));
  const singles = new Map<string, CompiledRuleSet>();
  return {
    rules,
    evaluator: (kind) => (kind === 'compiled' ? getCompiled() : (jre ??= jsonRulesEngineEvaluator(rules))),
    compiled: getCompiled,
    only(name) {
      let single = singles.get(name);
      if (!single) {
        const rule = rules.find((r) => r.name === name);
        if (!rule) return undefined;
        single = ruleSet([rule]);
        singles.set(name, single);
      }
      return single;
    },
  };
}

const leaf = (name: string, fact: string, path: string | undefined, operator: string, value: unknown): LeafSpec =>
  path === undefined ? { name, fact, operator, value } : { name, fact, path, operator, value };

/*
 * CHECK_ORDER: the first failed check is the `disabledReason`, so checks run from the most
 * permanent failure to the most transient one: tenant; the definitions themselves (a lifecycle
 * action needing a reason its version declares none for); four-eyes (forever, for this item); who the
 * actor is (authority limit, elevated role, manager authority, eligibility); the item's data
 * (evidence, `enabledWhen`); its state; whether the actor holds it (claim first). A quote owner
 * sees FOUR_EYES_VIOLATION, never "claim first".
 */

/** Nobody acts on another tenant's item, whatever their roles. */
const TENANT_CHECK = leaf('TENANT_MISMATCH', 'relation', 'sameTenant', 'equal', true);

/** Who may claim an item (a candidate, or the escalation group's member) is who may decide it. */
const ELIGIBILITY_CHECK: ConditionSpec = {
  name: 'NOT_A_CANDIDATE',
  any: [leaf('NOT_A_CANDIDATE', 'relation', 'isCandidate', 'equal', true), leaf('NOT_A_CANDIDATE', 'relation', 'isEscalationOwner', 'equal', true)],
};

function fourEyesChecks(taskType: TaskType): LeafSpec[] {
  const checks: LeafSpec[] = [];
  if (taskType.fourEyes.forbidRequester) checks.push(leaf('FOUR_EYES_VIOLATION', 'relation', 'isRequester', 'equal', false));
  if (taskType.fourEyes.forbidBusinessObjectOwner) checks.push(leaf('FOUR_EYES_VIOLATION', 'relation', 'isBusinessObjectOwner', 'equal', false));
  if (taskType.fourEyes.forbiddenRoles?.length) checks.push(leaf('FOUR_EYES_VIOLATION', 'actor', 'roles', 'containsNone', taskType.fourEyes.forbiddenRoles));
  return checks;
}

function decisionRules(pinned: PinnedDefinitions): { specs: ActionSpec[]; rules: RuleSpec[] } {
  const { taskType, reasonCodes } = pinned;
  const formRequired = ((taskType.decisionSchema as { required?: unknown }).required ?? []) as string[];
  const specs: ActionSpec[] = [];
  const rules: RuleSpec[] = [];
  for (const option of taskType.decisionOptions) {
    // Most permanent first (see CHECK_ORDER): who the actor is, then the item's data, then its state.
    const checks: ConditionSpec[] = [TENANT_CHECK, ...fourEyesChecks(taskType), leaf('FOUR_EYES_VIOLATION', 'relation', 'isForbiddenApprover', 'equal', false)];
    if (option.requiresAuthority && taskType.authority) {
      checks.push(leaf('AUTHORITY_LIMIT_EXCEEDED', 'evidence', taskType.authority.evidencePath.slice('evidence.'.length), 'lessThanInclusive', { fact: 'authority', path: 'limit' }));
    }
    // Holding the item is not enough: whoever a reassignment handed it to must be eligible to claim it.
    checks.push(ELIGIBILITY_CHECK);
    for (const path of option.requiresEvidence ?? []) checks.push(leaf('EVIDENCE_REQUIRED', 'evidence', path.slice('evidence.'.length), 'isPresent', true));
    if (option.enabledWhen) checks.push({ ...(option.enabledWhen as ConditionSpec), name: option.disabledReason ?? 'CONDITION_NOT_MET' });
    checks.push(leaf('INVALID_STATE', 'item', 'state', 'in', ['claimed']), leaf('NOT_ASSIGNEE', 'relation', 'isAssignee', 'equal', true));
    rules.push({ name: `decision:${option.code}`, conditions: { all: checks }, event: { type: 'ACTION_ALLOWED', params: { code: option.code } } });
    const fields = new Set(formRequired.filter((f) => f !== 'decision'));
    if (option.requiresReasonCode) fields.add('reasonCode');
    if (option.requiresComment) fields.add('comment');
    specs.push({
      code: option.code,
      label: option.label,
      kind: 'decision',
      dangerous: false,
      requiredFields: [...fields].sort(),
      requiredAcknowledgements: option.acknowledgement ? [option.acknowledgement] : [],
      requiresSecondApproval: false,
      secondApprovalReasonCodes: reasonCodes.codes.filter((c) => c.requiresSecondApproval && c.appliesTo.includes(option.code)).map((c) => c.code),
    });
  }
  return { specs, rules };
}

/** Who may take a lifecycle or recovery action, besides its own requirements: a candidate claims, the delegate hands back, participants comment, whoever may work it does the rest. */
function actorCheck(code: string): ConditionSpec {
  if (code === 'CLAIM') return leaf('NOT_A_CANDIDATE', 'relation', 'isCandidate', 'equal', true);
  // The delegate gives input and hands the item back; the assignee stays accountable.
  if (code === 'RESOLVE_DELEGATION') return leaf('NOT_THE_DELEGATE', 'relation', 'isDelegate', 'equal', true);
  if (code === 'COMMENT') {
    return { name: 'NOT_A_PARTICIPANT', any: [leaf('NOT_A_PARTICIPANT', 'relation', 'canWork', 'equal', true), leaf('NOT_A_PARTICIPANT', 'relation', 'isDelegate', 'equal', true)] };
  }
  return leaf('NOT_ASSIGNEE', 'relation', 'canWork', 'equal', true);
}

/**
 * A lifecycle or recovery action that requires a reason its pinned set declares none for (a version
 * published before those reasons were declared) cannot be taken on the item: no reason would be accepted.
 * It is a fact of the definitions, so it fails whoever acts and comes first after the tenant. The
 * leaf compares a fact that is always there with an empty list, so it never holds.
 */
const REASON_CODES_NOT_DECLARED = leaf('REASON_CODES_NOT_DECLARED', 'item', 'taskType', 'in', []);

function safeActionRules(actions: ActionPolicy, reasonCodes: ReasonCodeSet): { specs: ActionSpec[]; rules: RuleSpec[] } {
  const specs: ActionSpec[] = [];
  const rules: RuleSpec[] = [];
  for (const action of actions.safeActions) {
    const requires = action.requires ?? {};
    // In CHECK_ORDER: four-eyes, who the actor is, the item's data, its state, who holds it.
    const checks: ConditionSpec[] = [TENANT_CHECK];
    if ((action.category === 'lifecycle' || action.category === 'recovery') && requires.reasonCode && reasonCodesFor(reasonCodes, action.code).length === 0) checks.push(REASON_CODES_NOT_DECLARED);
    if (requires.secondApproval) checks.push(leaf('FOUR_EYES_VIOLATION', 'relation', 'isPendingActionRequester', 'equal', false));
    if (requires.elevatedRoles?.length) checks.push(leaf('ELEVATED_ROLE_REQUIRED', 'actor', 'roles', 'containsAny', requires.elevatedRoles));
    // Reassigning is a manager's act: it replaces the "who may work it" check.
    const actor = requires.managerAuthority ? leaf(action.disabledReason ?? 'MANAGER_AUTHORITY_REQUIRED', 'relation', 'isEscalationOwner', 'equal', true) : actorCheck(action.code);
    // Candidacy (CLAIM) and manager authority are about who the actor is; holding the item is transient.
    const aboutTheActor = requires.managerAuthority || action.code === 'CLAIM';
    if (aboutTheActor) checks.push(actor);
    for (const path of requires.evidence ?? []) checks.push(leaf('EVIDENCE_REQUIRED', 'evidence', path.slice('evidence.'.length), 'isPresent', true));
    if (action.enabledWhen) checks.push({ ...(action.enabledWhen as ConditionSpec), name: action.disabledReason ?? 'CONDITION_NOT_MET' });
    checks.push(leaf('INVALID_STATE', 'item', 'state', 'in', action.states));
    if (!aboutTheActor) checks.push(actor);
    rules.push({ name: `${action.category}:${action.code}`, conditions: { all: checks }, event: { type: 'ACTION_ALLOWED', params: { code: action.code } } });
    const fields: string[] = [];
    if (requires.reasonCode) fields.push('reasonCode');
    if (requires.comment) fields.push('comment');
    specs.push({
      code: action.code,
      label: action.label,
      kind: action.category,
      dangerous: action.dangerous === true,
      requiredFields: fields,
      requiredAcknowledgements: requires.acknowledgement ? [requires.acknowledgement] : [],
      requiresSecondApproval: requires.secondApproval === true,
      secondApprovalReasonCodes: [],
    });
  }
  return { specs, rules };
}

function visibilityRules(pinned: PinnedDefinitions): RuleSpec[] {
  return pinned.visibility.fields.map((field) => {
    const checks: ConditionSpec[] = [leaf('ROLE_NOT_ALLOWED', 'actor', 'roles', 'containsAny', field.visibleToRoles)];
    if (field.visibleWhen) checks.push({ ...(field.visibleWhen as ConditionSpec), name: 'CONDITION_NOT_MET' });
    return { name: field.path, conditions: { all: checks }, event: { type: 'FIELD_VISIBLE', params: { path: field.path, classification: field.classification } } };
  });
}

/** The evidence paths read by rules, typed by the task type's evidence schema (json-rules-engine compares loosely). */
function evidenceTypesOf(taskType: TaskType, sets: RuleSpec[][]): [string, FactType][] {
  const paths = new Set<string>();
  const walk = (node: ConditionSpec) => {
    if ('fact' in node) {
      if (node.fact === 'evidence' && node.path) paths.add(node.path);
      const value = node.value as { fact?: unknown; path?: unknown } | null;
      if (value && typeof value === 'object' && value.fact === 'evidence' && typeof value.path === 'string') paths.add(value.path);
    } else if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else walk(node.not);
  };
  for (const rules of sets) for (const rule of rules) walk(rule.conditions);
  const typed: [string, FactType][] = [];
  for (const path of [...paths].sort()) {
    const node = resolveEvidencePath(taskType.evidenceSchema, path.split('.'));
    const type = node && factTypeOfSchema(node);
    if (type) typed.push([path, type]);
  }
  return typed;
}

let ajv: Ajv2020 | undefined;

/** Compiles pinned definitions. Callers cache the result per pinned versions (see `policyCache`). */
export function compilePolicy(pinned: PinnedDefinitions): CompiledPolicy {
  const decisions = decisionRules(pinned);
  const safe = safeActionRules(pinned.actions, pinned.reasonCodes);
  ajv ??= createAjv('authored');
  const actionRules = [...decisions.rules, ...safe.rules];
  const priorityRules: RuleSpec[] = pinned.priority.rules;
  const slaRules = (pinned.sla.rules ?? []) as unknown as RuleSpec[];
  const visibility = visibilityRules(pinned);
  return {
    pinned,
    actions: {
      specs: [...decisions.specs, ...safe.specs],
      forbidden: (pinned.actions.forbiddenActions ?? []).map((f) => ({ code: f.code, reason: f.reason, ...(f.instead ? { instead: f.instead } : {}) })),
      rules: ruleSet(actionRules),
    },
    priority: ruleSet(priorityRules),
    sla: ruleSet(slaRules),
    visibility: ruleSet(visibility),
    validateDecisionPayload: ajv.compile(pinned.taskType.decisionSchema),
    evidenceTypes: evidenceTypesOf(pinned.taskType, [actionRules, priorityRules, slaRules, visibility]),
  };
}
