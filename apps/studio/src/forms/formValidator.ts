/**
 * The validator of every generated form (definition documents, decision forms): rjsf's Ajv 8
 * validator on Ajv's draft 2020-12 class, so the schemas are read as the dialect their `$schema`
 * names, the one the runtime validates with, instead of being stripped down to draft-07.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** One validator for all forms: Ajv caches compiled schemas per instance. */
export const formValidator = customizeValidator<Record<string, unknown>, RJSFSchema>({ AjvClass: Ajv2020 });
