/* Generated from src/schemas by `npm run generate-types`; do not edit. */

/**
 * Any Mandate definition.
 */
export type Definition =
  | TaskType
  | ReasonCodeSet
  | SlaPolicy
  | BusinessCalendar
  | PriorityModel
  | VisibilityPolicy
  | ActionPolicy
  | AuthorityPolicy;
/**
 * A stable SCREAMING_SNAKE identifier.
 */
export type Code = string;
/**
 * A candidate group, kebab-case, e.g. regional-sales-directors.
 */
export type Group = string;
/**
 * A dotted path into the work item evidence; `[]` steps into every array element.
 */
export type EvidencePath = string;
/**
 * A json-rules-engine condition: a leaf comparison or a nested all/any/not.
 */
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;
/**
 * A pinned reference to another definition: ID@VERSION.
 */
export type Reference = string;
/**
 * An actor role, e.g. FINANCE_APPROVER.
 */
export type Role = string;
/**
 * An ISO 8601 duration in days, hours and minutes, e.g. PT8H, P1DT4H, PT30M.
 */
export type Duration = string;
/**
 * The root of a rule: all, any or not.
 */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition;
/**
 * Values this grant covers; absent means every value.
 *
 * @minItems 1
 */
export type Scope = string[];

/**
 * A kind of human decision: its options and consequences, decision form, evidence and the policies that govern it.
 */
export interface TaskType {
  $schema?: string;
  kind: "TaskType";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  category:
    | "approval"
    | "fallout"
    | "review"
    | "data-correction"
    | "compensation"
    | "escalation"
    | "exception-classification"
    | "communication";
  businessObjectType: Code;
  /**
   * Routing only: who may claim. Authority is decided by the authority policy.
   *
   * @minItems 1
   */
  candidateGroups: Group[];
  /**
   * @minItems 1
   * @maxItems 50
   */
  decisionOptions: DecisionOption[];
  /**
   * JSON Schema (draft 2020-12) of the decision payload; renders the decision form.
   */
  decisionSchema: {
    [k: string]: unknown | undefined;
  };
  /**
   * Layout hints for the decision form (@rjsf/core uiSchema).
   */
  uiSchema?: {
    [k: string]: unknown | undefined;
  };
  /**
   * JSON Schema (draft 2020-12) of the evidence shown before the decision.
   */
  evidenceSchema: {
    [k: string]: unknown | undefined;
  };
  reasonCodeSet: Reference;
  slaPolicy: Reference;
  priorityModel: Reference;
  visibilityPolicy: Reference;
  actionPolicy: Reference;
  authorityPolicy?: Reference;
  /**
   * What the decider must have authority for: a measure read from the evidence.
   */
  authority?: {
    measure: "discountPercent" | "amount" | "compensationAmount" | "priceOverridePercent";
    evidencePath: EvidencePath;
  };
  fourEyes: {
    forbidRequester: boolean;
    forbidBusinessObjectOwner: boolean;
    forbiddenRoles?: Role[];
  };
  obsolescence?: {
    /**
     * A business event, e.g. QuoteRevised.
     */
    event: string;
    outcome:
      | "OBSOLETE_BUSINESS_OBJECT_CHANGED"
      | "OBSOLETE_POLICY_CHANGED"
      | "OBSOLETE_SUPERSEDED_BY_NEW_TASK"
      | "CANCELLED_PROCESS_ENDED";
    requestNewTask?: boolean;
  }[];
  /**
   * Tasks created when a decision is taken (e.g. a customer update after a waiver).
   */
  followUps?: {
    onDecision: Code;
    taskType: Reference;
  }[];
}
export interface DecisionOption {
  code: Code;
  label: string;
  /**
   * What happens next.
   */
  consequence: string;
  requiresReasonCode?: boolean;
  requiresComment?: boolean;
  /**
   * The decider needs authority for the measure.
   */
  requiresAuthority?: boolean;
  /**
   * Text the decider must acknowledge.
   */
  acknowledgement?: string;
  /**
   * Evidence that must be present before this decision is enabled (e.g. a reconciliation result).
   */
  requiresEvidence?: EvidencePath[];
  /**
   * The decision is enabled only when this holds.
   */
  enabledWhen?: AllCondition | AnyCondition | NotCondition;
  /**
   * A stable SCREAMING_SNAKE identifier.
   */
  disabledReason?: string;
  /**
   * Process variables returned to the workflow.
   */
  outcome?: {
    [k: string]: unknown | undefined;
  };
}
export interface AllCondition {
  /**
   * @minItems 1
   * @maxItems 100
   */
  all: Condition[];
}
export interface AnyCondition {
  /**
   * @minItems 1
   * @maxItems 100
   */
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export interface LeafCondition {
  fact: string;
  path?: string;
  operator: string;
  /**
   * A constant, or { fact, path } to compare against another fact.
   */
  value: {
    [k: string]: unknown | undefined;
  };
  params?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * Reason codes for a family of decisions and lifecycle actions. A published code keeps its meaning; retire it instead of changing it.
 */
export interface ReasonCodeSet {
  $schema?: string;
  kind: "ReasonCodeSet";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * @minItems 1
   * @maxItems 500
   */
  codes: {
    code: Code;
    label: string;
    /**
     * Codes this reason may justify: decision options of the task type, and actions of its action policy (a lifecycle action such as REASSIGN or ESCALATE). A decision option and an action with the same code share their reasons.
     *
     * @minItems 1
     */
    appliesTo: Code[];
    riskLevel: "LOW" | "MEDIUM" | "HIGH";
    requiresSecondApproval?: boolean;
  }[];
}
/**
 * Due time, warning and escalation. Rules choose the terms that apply; the highest-priority match wins, else the default.
 */
export interface SlaPolicy {
  $schema?: string;
  kind: "SlaPolicy";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  calendar: Reference;
  default: SlaTerms;
  /**
   * @maxItems 100
   *
   * Items: When the conditions hold, these terms apply.
   */
  rules?: {
    name: Code;
    description?: string;
    /**
     * Higher runs first (json-rules-engine).
     */
    priority?: number;
    conditions: TopLevelCondition;
    event: {
      type: "SLA_TERMS";
      params: SlaTerms;
    };
  }[];
}
export interface SlaTerms {
  dueIn: Duration;
  warnBefore?: Duration;
  /**
   * An ISO 8601 duration in days, hours and minutes, e.g. PT8H, P1DT4H, PT30M.
   */
  escalateAfter?: string;
  escalationGroup: Group;
  /**
   * Count business time (default) or wall time.
   */
  basis?: "business" | "calendar";
}
/**
 * Working hours and holidays in one IANA time zone; SLA policies count business time on it.
 */
export interface BusinessCalendar {
  $schema?: string;
  kind: "BusinessCalendar";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * IANA zone, e.g. Europe/Berlin.
   */
  timeZone: string;
  /**
   * @minItems 1
   * @maxItems 14
   */
  workingHours: {
    /**
     * @minItems 1
     */
    days: ("MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT" | "SUN")[];
    from: string;
    /**
     * End of the span; 24:00 is midnight.
     */
    to: string;
  }[];
  /**
   * @maxItems 1000
   */
  holidays?: {
    date: string;
    name: string;
  }[];
}
/**
 * Priority = base weight of the task type + the weights of every rule that fires; each weight is a reason (REGULATORY_RISK:+50).
 */
export interface PriorityModel {
  $schema?: string;
  kind: "PriorityModel";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * Base weight per task type id.
   */
  baseWeights?: {
    [k: string]: number | undefined;
  };
  /**
   * @minItems 1
   * @maxItems 200
   *
   * Items: When the conditions hold, the weight is added and the rule name becomes a reason.
   */
  rules: {
    name: Code;
    description?: string;
    /**
     * Higher runs first (json-rules-engine).
     */
    priority?: number;
    conditions: TopLevelCondition;
    event: {
      type: "PRIORITY_WEIGHT";
      params: {
        weight: number;
      };
    };
  }[];
}
/**
 * Protected evidence fields. A protected field is serialised only for an actor holding one of its roles and, when given, satisfying its condition; every other field is visible, except to restricted audiences (e.g. external partners), who see only the paths listed for them.
 */
export interface VisibilityPolicy {
  $schema?: string;
  kind: "VisibilityPolicy";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * @minItems 1
   * @maxItems 500
   */
  fields: {
    path: EvidencePath;
    classification:
      | "MARGIN"
      | "COST_BASIS"
      | "COMPETITOR_PRICE"
      | "INTERNAL_NOTES"
      | "RISK_SCORE"
      | "LEGAL_ASSESSMENT"
      | "PERSONAL_DATA"
      | "PARTNER_SCOPE";
    visibleToRoles: Role[];
    visibleWhen?: TopLevelCondition;
  }[];
  /**
   * Actors whose every role is in an audience see only its visible paths (and protected fields among them only as above).
   *
   * @maxItems 50
   */
  restrictedAudiences?: {
    name: Code;
    /**
     * @minItems 1
     */
    roles: Role[];
    visiblePaths: EvidencePath[];
  }[];
}
/**
 * Lifecycle and recovery actions a worker may take, in which states and with what requirements; and actions that are never offered.
 */
export interface ActionPolicy {
  $schema?: string;
  kind: "ActionPolicy";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * @minItems 1
   * @maxItems 100
   */
  safeActions: {
    code: Code;
    label: string;
    category: "lifecycle" | "recovery";
    /**
     * @minItems 1
     */
    states: (
      | "available"
      | "claimed"
      | "delegated"
      | "escalated"
      | "decided"
      | "completed"
      | "cancelled"
      | "obsolete"
      | "expired"
    )[];
    /**
     * Irreversible or bypassing; needs the full set of requirements.
     */
    dangerous?: boolean;
    requires?: {
      /**
       * Evidence that must be present before the action is enabled.
       */
      evidence?: EvidencePath[];
      reasonCode?: boolean;
      comment?: boolean;
      elevatedRoles?: Role[];
      secondApproval?: boolean;
      acknowledgement?: string;
      managerAuthority?: boolean;
    };
    enabledWhen?: TopLevelCondition;
    disabledReason?: Code;
    /**
     * Evidence a recovery action records on the item (e.g. evidence.reconciliation from a reconciliation query). The runtime accepts attached evidence under these paths only.
     */
    attachesEvidence?: EvidencePath[];
  }[];
  /**
   * @maxItems 100
   */
  forbiddenActions?: {
    code: Code;
    reason: string;
    /**
     * A stable SCREAMING_SNAKE identifier.
     */
    instead?: string;
  }[];
}
/**
 * Grants of decision authority. An actor may decide when one grant matches their role and the item scope and its limit covers the measure.
 */
export interface AuthorityPolicy {
  $schema?: string;
  kind: "AuthorityPolicy";
  id: Code;
  /**
   * Positive integer, one per published change.
   */
  version: number;
  status: "draft" | "in_review" | "published" | "retired";
  title: string;
  description?: string;
  /**
   * @minItems 1
   * @maxItems 1000
   */
  grants: {
    name: Code;
    /**
     * @minItems 1
     */
    roles: Role[];
    tenants?: Scope;
    regions?: Scope;
    productFamilies?: Scope;
    limits: {
      discountPercent?: number;
      priceOverridePercent?: number;
      amount?: number;
      compensationAmount?: number;
    };
    currency?: string;
  }[];
}
