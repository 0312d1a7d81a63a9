// Writes src/generated/types.ts and schemas/*.schema.json from the schema sources.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArtifacts } from '../src/schemas/renderArtifacts.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { types, schemaFiles } = await renderArtifacts();
mkdirSync(join(root, 'src/generated'), { recursive: true });
writeFileSync(join(root, 'src/generated/types.ts'), types);
mkdirSync(join(root, 'schemas'), { recursive: true });
for (const [name, text] of Object.entries(schemaFiles)) writeFileSync(join(root, 'schemas', name), text);
console.log(`wrote src/generated/types.ts and ${Object.keys(schemaFiles).length} schema files`);
