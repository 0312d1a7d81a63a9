import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from './builderModel.js';

type Strings = Record<string, Record<string, string>>;
const read = (lng: string) => JSON.parse(readFileSync(join(import.meta.dirname, `../../i18n/locales/${lng}/formBuilder.json`), 'utf8')) as Strings;
const en = read('en');
const de = read('de');

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('formBuilder strings', () => {
  it('German has every English string, and no other', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('name every field type', () => {
    for (const type of FIELD_TYPES) {
      expect(en.types?.[type]).toBeTruthy();
      expect(en.typeHints?.[type]).toBeTruthy();
      expect(en.newLabel?.[type]).toBeTruthy();
    }
  });
});
