import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFINITION_KINDS } from '@mandate/definitions';
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { formSchemaOf } from '../definitions/kindForms.js';
import { formValidator } from './formValidator.js';

const shipped = join(dirname(fileURLToPath(import.meta.url)), '../../../../definitions');

/** The first shipped version of the first definition of a kind. */
function shippedDocument(kind: string): Record<string, unknown> {
  const [id] = readdirSync(join(shipped, kind)).sort();
  const [file] = readdirSync(join(shipped, kind, id!)).filter((f) => f.endsWith('.json')).sort();
  return JSON.parse(readFileSync(join(shipped, kind, id!, file!), 'utf8')) as Record<string, unknown>;
}

describe('formValidator', () => {
  it.each(DEFINITION_KINDS)('reads the %s schema as the draft 2020-12 it declares and accepts a shipped document', (kind) => {
    const schema = formSchemaOf(kind);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(formValidator.validateFormData(shippedDocument(kind), schema).errors).toEqual([]);
  });

  it('reports a broken document on its field', () => {
    const document = { ...shippedDocument('ReasonCodeSet'), codes: [] };
    const { errors } = formValidator.validateFormData(document, formSchemaOf('ReasonCodeSet'));
    expect(errors.map((e) => e.property)).toContain('.codes');
  });

  it('applies keywords that only draft 2020-12 has', () => {
    const schema: RJSFSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { amount: { type: 'number' }, currency: { type: 'string' } },
      dependentRequired: { amount: ['currency'] },
    };
    expect(formValidator.validateFormData({ amount: 5 }, schema).errors).toHaveLength(1);
    expect(formValidator.validateFormData({ amount: 5, currency: 'EUR' }, schema).errors).toEqual([]);
  });
});
