import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderArtifacts } from './renderArtifacts.js';

const packageRoot = join(import.meta.dirname, '..');

describe('generated artifacts', () => {
  it('types and schema files match the schema sources (run `npm run generate-types -w packages/definitions`)', async () => {
    const { types, schemaFiles } = await renderArtifacts();
    expect(readFileSync(join(packageRoot, 'src/generated/types.ts'), 'utf8')).toBe(types);
    for (const [name, text] of Object.entries(schemaFiles)) {
      expect(readFileSync(join(packageRoot, 'schemas', name), 'utf8'), name).toBe(text);
    }
    expect(Object.keys(schemaFiles)).toHaveLength(8);
  }, 30_000);
});
