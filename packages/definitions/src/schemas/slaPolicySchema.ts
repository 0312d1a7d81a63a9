import { definitionSchema, ruleSchema } from './common.js';

const slaTerms = {
  type: 'object',
  additionalProperties: false,
  required: ['dueIn', 'escalationGroup'],
  properties: {
    dueIn: { $ref: '#/$defs/Duration' },
    warnBefore: { $ref: '#/$defs/Duration' },
    escalateAfter: { $ref: '#/$defs/Duration', description: 'Time after due before escalation.' },
    escalationGroup: { $ref: '#/$defs/Group' },
    basis: { enum: ['business', 'calendar'], description: 'Count business time (default) or wall time.' },
  },
} as const;

/** JSON Schema of an SlaPolicy: default terms plus rules that pick stricter terms. */
export const slaPolicySchema = definitionSchema(
  'SlaPolicy',
  'Due time, warning and escalation. Rules choose the terms that apply; the highest-priority match wins, else the default.',
  {
    calendar: { $ref: '#/$defs/Reference' },
    default: { $ref: '#/$defs/SlaTerms' },
    rules: { type: 'array', maxItems: 100, items: ruleSchema('SLA_TERMS', { $ref: '#/$defs/SlaTerms' }, 'When the conditions hold, these terms apply.') },
  },
  ['calendar', 'default'],
  { SlaTerms: slaTerms },
);
