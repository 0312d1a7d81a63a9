import { definitionSchema, ruleSchema } from './common.js';

/** JSON Schema of a PriorityModel: explainable weighted rules. */
export const priorityModelSchema = definitionSchema(
  'PriorityModel',
  'Priority = base weight of the task type + the weights of every rule that fires; each weight is a reason (REGULATORY_RISK:+50).',
  {
    baseWeights: {
      type: 'object',
      description: 'Base weight per task type id.',
      propertyNames: { $ref: '#/$defs/Code' },
      additionalProperties: { type: 'integer', minimum: -1000, maximum: 1000 },
    },
    rules: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: ruleSchema(
        'PRIORITY_WEIGHT',
        {
          type: 'object',
          additionalProperties: false,
          required: ['weight'],
          properties: { weight: { type: 'integer', minimum: -1000, maximum: 1000 } },
        },
        'When the conditions hold, the weight is added and the rule name becomes a reason.',
      ),
    },
  },
  ['rules'],
);
