import { DEFINITION_KINDS, definitionSchemas } from '@mandate/definitions';
import { createSchemaUtils, type RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formValidator } from './formValidator.js';
import { formSchema } from './ThemedForm.js';

afterEach(() => vi.restoreAllMocks());

const LEAF = { fact: 'actor', path: 'roles', operator: 'contains', value: 'X' };

describe('the schema as the form reads it', () => {
  it.each(DEFINITION_KINDS)('resolves every reference of %s without a warning, where its $id made each one fail', (kind) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const root = definitionSchemas[kind] as unknown as RJSFSchema;
    const utils = createSchemaUtils(formValidator, formSchema(root));
    // Which case of a union a value is: rjsf asks the validator with the sub-schema's $refs pointed at the root.
    const condition: RJSFSchema = { $ref: '#/$defs/TopLevelCondition' };
    expect(formValidator.isValid({ $ref: '#/$defs/AllCondition' }, { all: [LEAF] }, formSchema(root))).toBe(true);
    utils.getDefaultFormState(formSchema(root), {});
    utils.retrieveSchema(condition, { all: [] });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([]);
  });

  it('with the $id the same check warns and fails a valid value, which is why it goes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A validator of its own: the shared one may hold a root registered by the cases above.
    const fresh = customizeValidator<Record<string, unknown>, RJSFSchema>({ AjvClass: Ajv2020 });
    const root = definitionSchemas.SlaPolicy as unknown as RJSFSchema;
    expect(fresh.isValid({ $ref: '#/$defs/AllCondition' }, { all: [LEAF] }, root)).toBe(false);
    expect(warn).toHaveBeenCalledWith('Error encountered compiling schema:', expect.objectContaining({ missingRef: '__rjsf_rootSchema#/$defs/AllCondition' }));
  });

  it('keeps everything but the root $id', () => {
    const root = definitionSchemas.TaskType as unknown as RJSFSchema;
    const { $id: _id, ...rest } = root;
    expect(formSchema(root)).toEqual(rest);
    expect(formSchema(rest)).toBe(rest);
  });
});
