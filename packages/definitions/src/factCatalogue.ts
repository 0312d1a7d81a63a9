/**
 * The facts a rule inside a definition may read, and their types.
 *
 * This is the one catalogue: the definitions lint checks every rule against it, and the policy
 * package provides exactly these facts at run time. `evidence` is typed per task type by its
 * evidence schema; `now` has no path.
 */

/** A fact value type, as the lint and the evaluators understand it. */
export type FactType = 'string' | 'number' | 'boolean' | 'string[]' | 'date-time';

/** Fact roots with their declared paths. */
export const FACT_CATALOGUE = {
  actor: {
    description: 'The person acting.',
    paths: {
      id: 'string',
      roles: 'string[]',
      groups: 'string[]',
      tenant: 'string',
      region: 'string',
    },
  },
  item: {
    description: 'The work item.',
    paths: {
      id: 'string',
      taskType: 'string',
      state: 'string',
      tenant: 'string',
      region: 'string',
      productFamily: 'string',
      assignee: 'string',
      owner: 'string',
      requestedBy: 'string',
      candidateGroups: 'string[]',
      escalationLevel: 'number',
      ageMinutes: 'number',
      minutesUntilDue: 'number',
      createdAt: 'date-time',
      dueAt: 'date-time',
    },
  },
  relation: {
    description: "The actor's relationship to the item.",
    paths: {
      isRequester: 'boolean',
      isBusinessObjectOwner: 'boolean',
      isAssignee: 'boolean',
      isCandidate: 'boolean',
      isDelegate: 'boolean',
      sameTenant: 'boolean',
      canWork: 'boolean',
      isEscalationOwner: 'boolean',
      isForbiddenApprover: 'boolean',
      isPendingActionRequester: 'boolean',
    },
  },
  businessObject: {
    description: 'The quote, order, customer or plan the item is about, at its pinned revision.',
    paths: {
      type: 'string',
      id: 'string',
      version: 'number',
      revision: 'number',
      ownerId: 'string',
      tenant: 'string',
      region: 'string',
      productFamily: 'string',
      customerTier: 'string',
      customerSegment: 'string',
      totalAmount: 'number',
      currency: 'string',
      customerImpacting: 'boolean',
      regulatoryRisk: 'boolean',
      riskClass: 'string',
    },
  },
  authority: {
    description: "The actor's decision authority for the task type's measure, from its authority policy.",
    paths: {
      limit: 'number',
      grant: 'string',
    },
  },
  evidence: {
    description: "The item's evidence; paths and types come from the task type's evidence schema.",
    paths: {},
  },
  now: {
    description: 'The evaluation instant (an input, never the clock).',
    type: 'date-time',
  },
} as const satisfies Record<string, { description: string; paths?: Record<string, FactType>; type?: FactType }>;

/** A fact root name. */
export type FactName = keyof typeof FACT_CATALOGUE;

/** The operators a rule may use: json-rules-engine's own plus Mandate's custom ones. */
export const OPERATOR_CATALOGUE = {
  equal: { fact: 'any', value: 'same' },
  notEqual: { fact: 'any', value: 'same' },
  lessThan: { fact: 'number', value: 'same' },
  lessThanInclusive: { fact: 'number', value: 'same' },
  greaterThan: { fact: 'number', value: 'same' },
  greaterThanInclusive: { fact: 'number', value: 'same' },
  in: { fact: 'scalar', value: 'array-of-fact' },
  notIn: { fact: 'scalar', value: 'array-of-fact' },
  contains: { fact: 'string[]', value: 'element' },
  doesNotContain: { fact: 'string[]', value: 'element' },
  /** Custom: the fact array shares at least one element with the value array. */
  containsAny: { fact: 'string[]', value: 'string[]' },
  /** Custom: the fact array shares no element with the value array. */
  containsNone: { fact: 'string[]', value: 'string[]' },
  /** Custom: instant comparison. */
  before: { fact: 'date-time', value: 'same' },
  after: { fact: 'date-time', value: 'same' },
  /** Custom: the fact has a value (not undefined, null or an empty string) when the value is true; has none when false. */
  isPresent: { fact: 'any', value: 'boolean' },
} as const;

/** An operator name. */
export type OperatorName = keyof typeof OPERATOR_CATALOGUE;

/** Whether a fact root exists. */
export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACT_CATALOGUE, name);
}

/** Whether an operator exists. */
export function isOperatorName(name: string): name is OperatorName {
  return Object.hasOwn(OPERATOR_CATALOGUE, name);
}

/**
 * Whether a string is an RFC 3339 instant with an explicit offset (`Z` or `+02:00`). A date-time
 * without one would be read in the host's time zone, so results would depend on the machine.
 */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value));
}
