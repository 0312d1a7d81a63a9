import { definitionSchema } from './common.js';

/** Risk levels of a reason code; HIGH codes usually need a second approval. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;

/** JSON Schema of a ReasonCodeSet: the classified reasons a decision or a lifecycle action may give. */
export const reasonCodeSetSchema = definitionSchema(
  'ReasonCodeSet',
  'Reason codes for a family of decisions and lifecycle actions. A published code keeps its meaning; retire it instead of changing it.',
  {
    codes: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'label', 'appliesTo', 'riskLevel'],
        properties: {
          code: { $ref: '#/$defs/Code' },
          label: { type: 'string', minLength: 1, maxLength: 200 },
          appliesTo: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { $ref: '#/$defs/Code' },
            description: 'Codes this reason may justify: decision options of the task type, and actions of its action policy (a lifecycle action such as REASSIGN or ESCALATE). A decision option and an action with the same code share their reasons.',
          },
          riskLevel: { enum: RISK_LEVELS },
          requiresSecondApproval: { type: 'boolean' },
        },
      },
    },
  },
  ['codes'],
);
