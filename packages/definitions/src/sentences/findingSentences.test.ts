import { describe, expect, it } from 'vitest';
import { FINDING_CODES, type FindingCode } from '../findingCodes.js';
import { validateAgainstSchema } from '../validation/validateAgainstSchema.js';
import { describeLocation } from './describeLocation.js';
import { FINDING_PHRASES, FINDING_SENTENCES, type SentenceTemplate } from './findingSentences.js';
import { fieldOf, renderSentence, renderTemplate } from './renderSentence.js';

const codes = Object.keys(FINDING_CODES) as FindingCode[];
const variants = (code: FindingCode): string[] => {
  const t: SentenceTemplate = FINDING_SENTENCES[code];
  return typeof t === 'string' ? [t] : [t.one, t.other, ...(t.zero ? [t.zero] : [])];
};
const placeholders = (template: string) => [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);

describe('FINDING_SENTENCES', () => {
  it('has a template for every finding code and no other', () => {
    expect(Object.keys(FINDING_SENTENCES).sort()).toEqual([...codes].sort());
  });

  it('renders every code, with every phrase it can nest, with no leftover placeholder or empty quotes', () => {
    for (const code of codes) {
      for (const template of variants(code)) {
        // A `$t(group.{{selector}})` takes every key of its group in turn; other parameters get markers.
        const selectors = [...template.matchAll(/\$t\(([A-Za-z]+)\.\{\{([A-Za-z]+)\}\}\)/g)].map((m) => ({ group: m[1] as keyof typeof FINDING_PHRASES, name: m[2]! }));
        const combinations = selectors.reduce<Record<string, string>[]>((acc, { group, name }) => acc.flatMap((c) => Object.keys(FINDING_PHRASES[group]).map((key) => ({ ...c, [name]: key }))), [{}]);
        for (const chosen of combinations) {
          const nested = selectors.map(({ group, name }) => (FINDING_PHRASES[group] as Record<string, string>)[chosen[name]!]!);
          const names = [...placeholders(template), ...nested.flatMap(placeholders)].filter((n) => !(n in chosen));
          const params = { ...Object.fromEntries(names.map((n) => [n, n === 'count' ? 5 : `<${n}>`])), ...chosen };
          const sentence = renderTemplate(template, params);
          expect(sentence, code).not.toMatch(/\{\{|\}\}|\$t\(|undefined|""/);
          expect(sentence, code).toMatch(/^["A-Z<].*[.]$/);
          for (const n of names.filter((x) => x !== 'count')) expect(sentence, `${code} names ${n}`).toContain(`<${n}>`);
        }
      }
    }
  });

  it('nests only phrases that exist, and each group has a fallback for unknown keys', () => {
    for (const code of codes) {
      for (const template of variants(code)) {
        for (const [, group] of template.matchAll(/\$t\(([A-Za-z]+)\./g)) {
          expect(Object.keys(FINDING_PHRASES), `${code} nests ${group}`).toContain(group);
        }
      }
    }
    for (const group of ['valueType', 'form', 'format', 'factPath'] as const) expect(FINDING_PHRASES[group]).toHaveProperty('other');
    expect(renderTemplate('$t(valueType.{{expected}})', { expected: 'no-such-type' })).toBe('of another type');
  });

  it('picks the plural variant by count', () => {
    expect(renderSentence('SCHEMA_MIN_ITEMS', { field: '"Applies to"', count: 1 })).toBe('"Applies to" needs at least one entry.');
    expect(renderSentence('SCHEMA_MIN_ITEMS', { field: '"Applies to"', count: 2 })).toBe('"Applies to" needs at least 2 entries.');
    expect(renderSentence('REFERENCE_NOT_FOUND', { field: '"Calendar"', ref: 'X@3', count: 0, known: '' })).toBe('"Calendar" names X@3, which does not exist.');
  });
});

describe('describeLocation and fieldOf', () => {
  const reasons = {
    kind: 'ReasonCodeSet', id: 'R', version: 1, status: 'draft', title: 'R',
    codes: Array.from({ length: 8 }, (_, i) => ({ code: i === 7 ? 'COMPETITIVE_MATCH' : `CODE_${i}`, label: 'x', appliesTo: ['APPROVE'], riskLevel: 'LOW' })),
  };

  it('names a field inside a list entry by its label and the entry by its position and code', () => {
    const location = describeLocation('ReasonCodeSet', reasons, '/codes/7/appliesTo');
    expect(location).toEqual({ labelKey: 'appliesTo', label: 'Applies to', entries: [{ nounKey: 'codes', noun: 'reason code', position: 8, name: 'COMPETITIVE_MATCH' }] });
    expect(fieldOf(location)).toBe('"Applies to" of reason code 8 (COMPETITIVE_MATCH)');
  });

  it('names a whole entry, an entry of a plain list and the document itself', () => {
    expect(fieldOf(describeLocation('ReasonCodeSet', reasons, '/codes/7'))).toBe('Reason code 8 (COMPETITIVE_MATCH)');
    expect(fieldOf(describeLocation('ReasonCodeSet', reasons, '/codes/7/appliesTo/0'))).toBe('"Applies to" entry 1 of reason code 8 (COMPETITIVE_MATCH)');
    expect(fieldOf(describeLocation('ReasonCodeSet', reasons, ''))).toBe('The definition');
  });

  it('labels a field by the title of its schema node, following $ref into $defs', () => {
    const schema = {
      $defs: { Entry: { type: 'object', properties: { appliesTo: { title: 'Decisions it justifies', type: 'array' } } } },
      properties: { codes: { type: 'array', items: { $ref: '#/$defs/Entry' } } },
    };
    expect(describeLocation('ReasonCodeSet', reasons, '/codes/7/appliesTo', schema).label).toBe('Decisions it justifies');
    expect(describeLocation('ReasonCodeSet', reasons, '/codes/7/label', schema).label).toBe('Label');
  });

  it('takes a translator’s phrases and words', () => {
    const location = describeLocation('ReasonCodeSet', reasons, '/codes/7/appliesTo');
    const german = { field: '„{{label}}“', root: 'die Definition', entry: '{{noun}} {{position}}', namedEntry: '{{noun}} {{position}} ({{name}})', within: '{{inner}} von {{outer}}' };
    const phrase = (key: keyof typeof german, values: Record<string, string | number>) => renderTemplate(german[key], values);
    expect(fieldOf(location, phrase, { label: () => 'Gilt für', noun: () => 'Begründung' })).toBe('„Gilt für“ von Begründung 8 (COMPETITIVE_MATCH)');
  });
});

describe('schema findings in plain words', () => {
  it('says what is wrong with the field, by its label, and keeps code and pointer', () => {
    const doc = { kind: 'ReasonCodeSet', id: 'R', version: 0, status: 'draft', title: '', codes: [{ code: 'COMPETITIVE_MATCH', label: 'x', appliesTo: [], riskLevel: 'low' }] };
    const findings = validateAgainstSchema(doc).map((f) => [f.code, f.pointer, f.sentence]);
    expect(findings).toEqual(expect.arrayContaining([
      ['SCHEMA_MINIMUM', '/version', '"Version" must be at least 1.'],
      ['SCHEMA_MIN_LENGTH', '/title', '"Title" must not be empty.'],
      ['SCHEMA_MIN_ITEMS', '/codes/0/appliesTo', '"Applies to" of reason code 1 (COMPETITIVE_MATCH) needs at least one entry.'],
      ['SCHEMA_ENUM', '/codes/0/riskLevel', '"Risk level" of reason code 1 (COMPETITIVE_MATCH) must be one of: LOW, MEDIUM, HIGH.'],
    ]));
  });

  it('names a missing field by its own label, not its parent’s', () => {
    const [finding] = validateAgainstSchema({ kind: 'ReasonCodeSet', id: 'R', version: 1, status: 'draft', title: 'R', codes: [{ code: 'A', appliesTo: ['X'], riskLevel: 'LOW' }] });
    expect(finding).toMatchObject({ code: 'SCHEMA_REQUIRED', pointer: '/codes/0', params: { missing: 'label' }, sentence: '"Label" of reason code 1 (A) is required.' });
  });
});
