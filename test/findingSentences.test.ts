// The invalid-definition corpus in plain words: every finding has a sentence with nothing left of
// its template, and a handful of fixtures read exactly as a governance admin should read them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateDefinitionSources, type DefinitionSource, type Finding } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

const invalidDir = join(repoRoot, 'test/fixtures/invalid');
const sourcesUnder = (dir: string): DefinitionSource[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: relative(repoRoot, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
const shipped = sourcesUnder(join(repoRoot, 'definitions'));
const fixtures = readdirSync(invalidDir).filter((name) => name !== 'expected.json').sort();

/** The findings of one fixture (validated with the shipped set, as `mandate validate` would). */
function findingsOf(name: string): Finding[] {
  const path = join(invalidDir, name);
  const own = statSync(path).isDirectory() ? sourcesUnder(path) : [{ file: relative(repoRoot, path), text: readFileSync(path, 'utf8') }];
  return validateDefinitionSources([...shipped, ...own]).findings.filter((f) => !f.file.startsWith('definitions/'));
}

describe('finding sentences over the invalid corpus', () => {
  it('every finding of every fixture has a finished sentence, and keeps its code and pointer', () => {
    let count = 0;
    for (const name of fixtures) {
      for (const f of findingsOf(name)) {
        count++;
        expect(f.sentence, `${name} ${f.code}`).not.toMatch(/\{\{|\}\}|\$t\(|undefined|\[object|""|^\s|\s$/);
        expect(f.sentence, `${name} ${f.code}`).toMatch(/[.]$/);
        expect(f.sentence, `${name} ${f.code}: no pointer in the words`).not.toContain(f.pointer || '\u0000');
        expect(f.code).toMatch(/^[A-Z_]+$/);
        expect(typeof f.pointer).toBe('string');
      }
    }
    expect(count).toBeGreaterThanOrEqual(fixtures.length);
  });

  it.each([
    ['SCHEMA_MIN_ITEMS--reason-applies-to-nothing.json', 'SCHEMA_MIN_ITEMS', '/codes/0/appliesTo', '"Applies to" of reason code 1 (STRATEGIC_CUSTOMER_RETENTION) needs at least one entry.'],
    ['SCHEMA_REQUIRED--decision-option-without-consequence.json', 'SCHEMA_REQUIRED', '/decisionOptions/1', '"Consequence" of decision option 2 (REJECT) is required.'],
    ['SCHEMA_PATTERN--reference-without-version.json', 'SCHEMA_PATTERN', '/reasonCodeSet', '"Reason code set" is not in the right form: an ID and a version (e.g. DISCOUNT_APPROVAL@2).'],
    ['SCHEMA_TYPE--version-as-string.json', 'SCHEMA_TYPE', '/version', '"Version" must be a whole number.'],
    ['SCHEMA_ENUM--lowercase-risk-level.json', 'SCHEMA_ENUM', '/codes/0/riskLevel', '"Risk level" of reason code 1 (STRATEGIC_CUSTOMER_RETENTION) must be one of: LOW, MEDIUM, HIGH.'],
    ['SCHEMA_MAXIMUM--discount-limit-over-100.json', 'SCHEMA_MAXIMUM', '/grants/1/limits/discountPercent', '"Discount percent" of grant 2 (REGIONAL_DIRECTOR_EMEA) must be at most 100.'],
    ['SCHEMA_ADDITIONAL_PROPERTIES--unknown-top-level-property.json', 'SCHEMA_ADDITIONAL_PROPERTIES', '/owner', '"Owner" is not a field of this definition; remove it.'],
    ['REASON_CODE_UNKNOWN_DECISION--applies-to-waive', 'REASON_CODE_UNKNOWN_DECISION', '/codes/6/appliesTo/0', 'Reason code "GOODWILL_WAIVER" applies to "WAIVE", which no task type using this set offers as a decision or action.'],
    ['SLA_WARNING_NOT_BEFORE_DUE--warning-in-days.json', 'SLA_WARNING_NOT_BEFORE_DUE', '/default/warnBefore', 'The warning (1d before due) must come before the due time (8h).'],
    ['RULE_UNKNOWN_FACT_PATH--actor-role-singular.json', 'RULE_UNKNOWN_FACT_PATH', '/fields/0/visibleWhen/any/0/path', 'A condition on actor reads "role", which actor does not have.'],
  ])('%s reads: %s at %s', (name, code, pointer, sentence) => {
    expect(findingsOf(name)).toContainEqual(expect.objectContaining({ code, pointer, sentence }));
  });
});
