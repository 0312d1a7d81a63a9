import { WORK_ITEM_STATES, definitionSchema } from './common.js';

/** JSON Schema of an ActionPolicy: the safe actions and their requirements, and the forbidden ones. */
export const actionPolicySchema = definitionSchema(
  'ActionPolicy',
  'Lifecycle and recovery actions a worker may take, in which states and with what requirements; and actions that are never offered.',
  {
    safeActions: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'label', 'category', 'states'],
        properties: {
          code: { $ref: '#/$defs/Code' },
          label: { type: 'string', minLength: 1, maxLength: 120 },
          category: { enum: ['lifecycle', 'recovery'] },
          states: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: WORK_ITEM_STATES } },
          dangerous: { type: 'boolean', description: 'Irreversible or bypassing; needs the full set of requirements.' },
          requires: {
            type: 'object',
            additionalProperties: false,
            properties: {
              evidence: {
                type: 'array',
                uniqueItems: true,
                items: { $ref: '#/$defs/EvidencePath' },
                description: 'Evidence that must be present before the action is enabled.',
              },
              reasonCode: { type: 'boolean' },
              comment: { type: 'boolean' },
              elevatedRoles: { type: 'array', uniqueItems: true, items: { $ref: '#/$defs/Role' } },
              secondApproval: { type: 'boolean' },
              acknowledgement: { type: 'string', maxLength: 500 },
              managerAuthority: { type: 'boolean' },
            },
          },
          enabledWhen: { $ref: '#/$defs/TopLevelCondition' },
          disabledReason: { $ref: '#/$defs/Code' },
          attachesEvidence: {
            type: 'array',
            uniqueItems: true,
            items: { $ref: '#/$defs/EvidencePath' },
            description: 'Evidence a recovery action records on the item (e.g. evidence.reconciliation from a reconciliation query). The runtime accepts attached evidence under these paths only.',
          },
        },
      },
    },
    forbiddenActions: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'reason'],
        properties: {
          code: { $ref: '#/$defs/Code' },
          reason: { type: 'string', minLength: 1, maxLength: 500 },
          instead: { $ref: '#/$defs/Code', description: 'The safe action to use instead.' },
        },
      },
    },
  },
  ['safeActions'],
);
