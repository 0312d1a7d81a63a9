import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * What a validator is for: `own` schemas (the definition kinds, the wire contract) are held to
 * ajv's strict mode, so a typo in a keyword fails at compile time; `authored` schemas (a task
 * type's evidence and decision schemas, written by governance admins) compile with unknown
 * keywords ignored, as JSON Schema itself does.
 */
export type AjvPurpose = 'own' | 'authored';

/**
 * The one way the server builds an ajv: JSON Schema draft 2020-12, every violation reported, the
 * standard formats (`date-time`, `email`, ...) checked.
 */
export function createAjv(purpose: AjvPurpose): Ajv2020 {
  const ajv = new Ajv2020(purpose === 'own' ? { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true } : { allErrors: true, strict: false });
  return addFormats(ajv);
}
