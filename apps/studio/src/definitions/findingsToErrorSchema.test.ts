import { readFileSync } from 'node:fs';
import { findingsNamespace, validateAgainstSchema } from '@mandate/definitions';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorsAt, findingSentence, findingsToErrorSchema, findingsUnder, pointerSegments } from './findingsToErrorSchema.js';
import { fieldIdOf } from './FindingList.js';

type Namespace = Record<string, unknown> & { summary: Record<string, string> };
const locale = (lng: string) => JSON.parse(readFileSync(new URL(`../i18n/locales/${lng}/findings.json`, import.meta.url), 'utf8')) as Namespace;
const en = locale('en');
const de = locale('de');

const finding = (pointer: string, code = 'DUPLICATE_CODE', severity = 'error') => ({ code, severity, message: 'msg', sentence: `${code} in words`, pointer });

describe('findings on fields', () => {
  it('splits RFC 6901 pointers, unescaping ~1 and ~0', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/codes/2/code')).toEqual(['codes', '2', 'code']);
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(pointerSegments('/')).toEqual(['']);
  });

  it('nests findings by pointer with __errors at the field, in words, warnings marked', () => {
    const schema = findingsToErrorSchema([finding('/codes/2/code'), finding('/codes/2/code', 'X', 'warning'), finding('/calendar', 'REFERENCE_NOT_FOUND'), finding('')]);
    expect(schema).toEqual({
      __errors: ['DUPLICATE_CODE in words'],
      codes: { 2: { code: { __errors: ['DUPLICATE_CODE in words', 'Warning: X in words'] } } },
      calendar: { __errors: ['REFERENCE_NOT_FOUND in words'] },
    });
    expect(errorsAt(schema, 'codes', 2, 'code')).toHaveLength(2);
    expect(errorsAt(schema, 'codes', 3, 'code')).toEqual([]);
  });

  it('points into condition trees by group keyword and index', () => {
    const schema = findingsToErrorSchema([finding('/rules/0/conditions/all/1/path', 'RULE_UNKNOWN_FACT_PATH')]);
    expect(errorsAt(schema, 'rules', 0, 'conditions', 'all', 1, 'path')).toEqual(['RULE_UNKNOWN_FACT_PATH in words']);
  });

  it('selects the findings at or below a pointer, not its siblings with a common prefix', () => {
    const all = [finding('/codes/1'), finding('/codes/10/code'), finding('/codes/1/label')];
    expect(findingsUnder(all, '/codes/1').map((f) => f.pointer)).toEqual(['/codes/1', '/codes/1/label']);
  });

  it('names the rjsf field id of a pointer', () => {
    expect(fieldIdOf('/codes/2/code')).toBe('root_codes_2_code');
    expect(fieldIdOf('')).toBe('root');
  });
});

/** Every key of a namespace, nested keys dotted. */
function keysOf(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function valueAt(node: object, key: string): string {
  return key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], node) as string;
}
/** What a translation must keep of a template: its parameters and the phrase groups it nests. */
function slots(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}|\$t\(([A-Za-z]+)\./g)].map((m) => m[1] ?? `$t(${m[2]!})`).sort();
}

describe('the findings namespace', () => {
  it('en/findings.json is the package catalogue plus the summary (run `npm run generate-types -w packages/definitions`)', () => {
    expect(en).toEqual({ summary: en.summary, ...findingsNamespace() });
  });

  it('German has every English key, with the same parameters and nested phrases', () => {
    const missing = keysOf(en).filter((k) => !keysOf(de).includes(k));
    expect(missing).toEqual([]);
    for (const key of keysOf(en)) {
      // A plural variant for one may say "one" instead of {{count}}, in either language.
      const keep = (t: string) => slots(t).filter((s) => !(key.endsWith('_one') && s === 'count'));
      expect(keep(valueAt(de, key)), key).toEqual(keep(valueAt(en, key)));
    }
  });
});

describe('findingSentence through i18next', () => {
  const instance = async (lng: 'en' | 'de') => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, fallbackLng: 'en', resources: { en: { findings: en }, de: { findings: de } }, interpolation: { escapeValue: false } });
    return i18n.getFixedT(lng);
  };
  const doc = {
    kind: 'ReasonCodeSet', id: 'R', version: '1', status: 'draft', title: 'R',
    codes: Array.from({ length: 8 }, (_, i) => ({ code: i === 7 ? 'COMPETITIVE_MATCH' : `CODE_${i}`, label: 'x', appliesTo: i === 7 ? [] : ['APPROVE'], riskLevel: 'LOW' })),
  };
  const findings = validateAgainstSchema(doc);

  it('renders exactly the server’s English sentence for every finding (interpolation, nesting, plurals)', async () => {
    const t = await instance('en');
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) expect(findingSentence(f, t)).toBe(f.sentence);
    expect(findings.map((f) => f.sentence)).toContain('"Applies to" of reason code 8 (COMPETITIVE_MATCH) needs at least one entry.');
  });

  it('renders German with the field named in German', async () => {
    const t = await instance('de');
    const byCode = Object.fromEntries(findings.map((f) => [f.code, findingSentence(f, t)]));
    expect(byCode.SCHEMA_MIN_ITEMS).toBe('„Gilt für“ von Begründungscode 8 (COMPETITIVE_MATCH) braucht mindestens einen Eintrag.');
    expect(byCode.SCHEMA_TYPE).toBe('„Version“ muss eine ganze Zahl sein.');
  });

  it('falls back to the server’s sentence, then the message, without params', () => {
    expect(findingSentence({ code: 'X', severity: 'error', message: 'm', pointer: '', sentence: 's' })).toBe('s');
    expect(findingSentence({ code: 'X', severity: 'error', message: 'm', pointer: '' })).toBe('m');
  });
});

describe('findingsToErrorSchema, a missing member', () => {
  it('shows the finding on the missing member\'s own field, not on its parent', () => {
    const schema = findingsToErrorSchema([{ code: 'SCHEMA_REQUIRED', severity: 'error', message: 'missing property "dueIn"', pointer: '/default', sentence: '"Due in" is required.', params: { missing: 'dueIn' } }]);
    expect(schema).toEqual({ default: { dueIn: { __errors: ['"Due in" is required.'] } } });
  });
});
