import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/shippedDefinitions.js';
import { FINDING_CODES } from './findingCodes.js';

describe('FINDING_CODES', () => {
  it('are SCREAMING_SNAKE and each is documented in docs/definitions.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs/definitions.md'), 'utf8');
    for (const code of Object.keys(FINDING_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(doc, code).toContain(`| \`${code}\` |`);
    }
  });
});
