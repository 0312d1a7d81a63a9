import { definitionSchema } from './common.js';

/** Task categories from the human-task design: each carries different risks and UI. */
export const TASK_CATEGORIES = [
  'approval',
  'fallout',
  'review',
  'data-correction',
  'compensation',
  'escalation',
  'exception-classification',
  'communication',
] as const;

/** Why an open task stops being actionable. */
export const OBSOLESCENCE_OUTCOMES = [
  'OBSOLETE_BUSINESS_OBJECT_CHANGED',
  'OBSOLETE_POLICY_CHANGED',
  'OBSOLETE_SUPERSEDED_BY_NEW_TASK',
  'CANCELLED_PROCESS_ENDED',
] as const;

/** JSON Schema of a TaskType: what decision is asked, on what evidence, under which policies. */
export const taskTypeSchema = definitionSchema(
  'TaskType',
  'A kind of human decision: its options and consequences, decision form, evidence and the policies that govern it.',
  {
    category: { enum: TASK_CATEGORIES },
    businessObjectType: { $ref: '#/$defs/Code' },
    candidateGroups: {
      type: 'array',
      items: { $ref: '#/$defs/Group' },
      minItems: 1,
      uniqueItems: true,
      description: 'Routing only: who may claim. Authority is decided by the authority policy.',
    },
    decisionOptions: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { $ref: '#/$defs/DecisionOption' },
    },
    decisionSchema: {
      type: 'object',
      additionalProperties: true,
      description: 'JSON Schema (draft 2020-12) of the decision payload; renders the decision form.',
    },
    uiSchema: { type: 'object', additionalProperties: true, description: 'Layout hints for the decision form (@rjsf/core uiSchema).' },
    evidenceSchema: {
      type: 'object',
      additionalProperties: true,
      description: 'JSON Schema (draft 2020-12) of the evidence shown before the decision.',
    },
    reasonCodeSet: { $ref: '#/$defs/Reference' },
    slaPolicy: { $ref: '#/$defs/Reference' },
    priorityModel: { $ref: '#/$defs/Reference' },
    visibilityPolicy: { $ref: '#/$defs/Reference' },
    actionPolicy: { $ref: '#/$defs/Reference' },
    authorityPolicy: { $ref: '#/$defs/Reference' },
    authority: {
      type: 'object',
      additionalProperties: false,
      required: ['measure', 'evidencePath'],
      description: 'What the decider must have authority for: a measure read from the evidence.',
      properties: {
        measure: { enum: ['discountPercent', 'amount', 'compensationAmount', 'priceOverridePercent'] },
        evidencePath: { $ref: '#/$defs/EvidencePath' },
      },
    },
    fourEyes: {
      type: 'object',
      additionalProperties: false,
      required: ['forbidRequester', 'forbidBusinessObjectOwner'],
      properties: {
        forbidRequester: { type: 'boolean' },
        forbidBusinessObjectOwner: { type: 'boolean' },
        forbiddenRoles: { type: 'array', items: { $ref: '#/$defs/Role' }, uniqueItems: true },
      },
    },
    obsolescence: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['event', 'outcome'],
        properties: {
          event: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]+$', description: 'A business event, e.g. QuoteRevised.' },
          outcome: { enum: OBSOLESCENCE_OUTCOMES },
          requestNewTask: { type: 'boolean' },
        },
      },
    },
    followUps: {
      type: 'array',
      description: 'Tasks created when a decision is taken (e.g. a customer update after a waiver).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['onDecision', 'taskType'],
        properties: {
          onDecision: { $ref: '#/$defs/Code' },
          taskType: { $ref: '#/$defs/Reference' },
        },
      },
    },
  },
  [
    'category',
    'businessObjectType',
    'candidateGroups',
    'decisionOptions',
    'decisionSchema',
    'evidenceSchema',
    'reasonCodeSet',
    'slaPolicy',
    'priorityModel',
    'visibilityPolicy',
    'actionPolicy',
    'fourEyes',
  ],
  {
    DecisionOption: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'label', 'consequence'],
      properties: {
        code: { $ref: '#/$defs/Code' },
        label: { type: 'string', minLength: 1, maxLength: 120 },
        consequence: { type: 'string', minLength: 1, maxLength: 1000, description: 'What happens next.' },
        requiresReasonCode: { type: 'boolean' },
        requiresComment: { type: 'boolean' },
        requiresAuthority: { type: 'boolean', description: 'The decider needs authority for the measure.' },
        acknowledgement: { type: 'string', maxLength: 500, description: 'Text the decider must acknowledge.' },
        requiresEvidence: {
          type: 'array',
          uniqueItems: true,
          items: { $ref: '#/$defs/EvidencePath' },
          description: 'Evidence that must be present before this decision is enabled (e.g. a reconciliation result).',
        },
        enabledWhen: { $ref: '#/$defs/TopLevelCondition', description: 'The decision is enabled only when this holds.' },
        disabledReason: { $ref: '#/$defs/Code', description: 'The code shown when enabledWhen does not hold.' },
        outcome: { type: 'object', additionalProperties: true, description: 'Process variables returned to the workflow.' },
      },
    },
  },
);
