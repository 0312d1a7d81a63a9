import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, isProblemCode } from './problemCodes.js';
import { withProblemCodesTable } from './problemCodesTable.js';
import { PROBLEM_KINDS } from './problemKinds.js';

describe('PROBLEM_CODES', () => {
  it('are SCREAMING_SNAKE, each with a known kind, its status and title, and one sentence', () => {
    for (const [code, entry] of Object.entries(PROBLEM_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(PROBLEM_KINDS[entry.kind], code).toMatchObject({ status: entry.status, title: entry.title });
      expect(entry.sentence, code).toMatch(/^\S.*\.$/);
    }
  });

  it('are told from other strings', () => {
    expect(isProblemCode('FOUR_EYES_VIOLATION')).toBe(true);
    expect(isProblemCode('RECONCILIATION_RESULT_REQUIRED')).toBe(false);
    expect(isProblemCode('toString')).toBe(false);
    expect(isProblemCode(403)).toBe(false);
  });

  it('docs/problems.md lists every kind and code (run `npm run generate-docs -w packages/problems`)', () => {
    const doc = readFileSync(new URL('../../../docs/problems.md', import.meta.url), 'utf8');
    expect(doc).toBe(withProblemCodesTable(doc));
    for (const kind of Object.keys(PROBLEM_KINDS)) expect(doc).toContain(`| \`${kind}\` |`);
    for (const code of Object.keys(PROBLEM_CODES)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
