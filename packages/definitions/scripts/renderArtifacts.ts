import { compile } from 'json-schema-to-typescript';
import { DEFINITION_KINDS, definitionSchemas } from '../src/schemas/index.js';

const banner = '/* Generated from src/schemas by `npm run generate-types`; do not edit. */';

/**
 * Renders the artifacts derived from the schema sources: the TypeScript types and one JSON file
 * per kind. A test renders them again and compares, so they can never drift from the schemas.
 */
export async function renderArtifacts(): Promise<{ types: string; schemaFiles: Record<string, string> }> {
  const schemaFiles: Record<string, string> = {};
  // One combined schema, so the shared $defs become one declaration each.
  const defs: Record<string, unknown> = {};
  for (const kind of DEFINITION_KINDS) {
    const { $defs, ...rest } = structuredClone(definitionSchemas[kind]);
    const schema: Record<string, unknown> = { ...rest };
    delete schema.$schema;
    delete schema.$id;
    schemaFiles[`${kind}.schema.json`] = `${JSON.stringify(definitionSchemas[kind], null, 2)}\n`;
    Object.assign(defs, $defs, { [kind]: schema });
  }
  const combined = {
    title: 'Definition',
    description: 'Any Mandate definition.',
    oneOf: DEFINITION_KINDS.map((kind) => ({ $ref: `#/$defs/${kind}` })),
    $defs: defs,
  };
  const types = await compile(combined, 'Definition', {
    bannerComment: banner,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
  });
  return { types, schemaFiles };
}
