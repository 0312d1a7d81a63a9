import { definitionSchema } from './common.js';

/** JSON Schema of an AuthorityPolicy: decision limits by role, tenant, region and product family. */
export const authorityPolicySchema = definitionSchema(
  'AuthorityPolicy',
  'Grants of decision authority. An actor may decide when one grant matches their role and the item scope and its limit covers the measure.',
  {
    grants: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'roles', 'limits'],
        properties: {
          name: { $ref: '#/$defs/Code' },
          roles: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/Role' } },
          tenants: { $ref: '#/$defs/Scope' },
          regions: { $ref: '#/$defs/Scope' },
          productFamilies: { $ref: '#/$defs/Scope' },
          limits: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              discountPercent: { type: 'number', minimum: 0, maximum: 100 },
              priceOverridePercent: { type: 'number', minimum: 0, maximum: 100 },
              amount: { type: 'number', minimum: 0 },
              compensationAmount: { type: 'number', minimum: 0 },
            },
          },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        },
      },
    },
  },
  ['grants'],
  {
    Scope: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 60 },
      description: 'Values this grant covers; absent means every value.',
    },
  },
);
