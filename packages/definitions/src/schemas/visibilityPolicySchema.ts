import { definitionSchema } from './common.js';

/** Classes of sensitive data from the field-level security design. */
export const FIELD_CLASSIFICATIONS = [
  'MARGIN',
  'COST_BASIS',
  'COMPETITOR_PRICE',
  'INTERNAL_NOTES',
  'RISK_SCORE',
  'LEGAL_ASSESSMENT',
  'PERSONAL_DATA',
  'PARTNER_SCOPE',
] as const;

/** JSON Schema of a VisibilityPolicy: which protected evidence fields each actor may see. */
export const visibilityPolicySchema = definitionSchema(
  'VisibilityPolicy',
  'Protected evidence fields. A protected field is serialised only for an actor holding one of its roles and, when given, satisfying its condition; every other field is visible, except to restricted audiences (e.g. external partners), who see only the paths listed for them.',
  {
    fields: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'classification', 'visibleToRoles'],
        properties: {
          path: { $ref: '#/$defs/EvidencePath' },
          classification: { enum: FIELD_CLASSIFICATIONS },
          visibleToRoles: { type: 'array', uniqueItems: true, items: { $ref: '#/$defs/Role' } },
          visibleWhen: { $ref: '#/$defs/TopLevelCondition' },
        },
      },
    },
    restrictedAudiences: {
      type: 'array',
      maxItems: 50,
      description: 'Actors whose every role is in an audience see only its visible paths (and protected fields among them only as above).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'roles', 'visiblePaths'],
        properties: {
          name: { $ref: '#/$defs/Code' },
          roles: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/Role' } },
          visiblePaths: { type: 'array', uniqueItems: true, items: { $ref: '#/$defs/EvidencePath' } },
        },
      },
    },
  },
  ['fields'],
);
