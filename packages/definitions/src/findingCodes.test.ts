import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/shippedDefinitions.js';
import { FINDING_CODES } from './findingCodes.js';
import { withFindingCodesTable } from './findingCodesTable.js';

describe('FINDING_CODES', () => {
  it('are SCREAMING_SNAKE', () => {
    for (const code of Object.keys(FINDING_CODES)) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('docs/definitions.md lists every code (run `npm run generate-types -w packages/definitions`)', () => {
    const doc = readFileSync(join(repoRoot, 'docs/definitions.md'), 'utf8');
    expect(doc).toBe(withFindingCodesTable(doc));
    for (const code of Object.keys(FINDING_CODES)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
