import { describe, expect, it } from 'vitest';
import { FACT_CHOICES, factKeyOf, factTypeOf, operatorsFor, typedList, typedValue, valueShapeOf } from './conditionVocabulary.js';

describe('condition vocabulary', () => {
  it('lists every fact of the catalogue with its type; evidence as one free choice', () => {
    expect(FACT_CHOICES.find((c) => c.key === 'actor.roles')?.type).toBe('string[]');
    expect(FACT_CHOICES.find((c) => c.key === 'now')?.type).toBe('date-time');
    expect(factKeyOf('evidence', 'quote.discountPercent')).toBe('evidence.*');
    expect(factTypeOf('item', 'ageMinutes')).toBe('number');
    expect(factTypeOf('evidence', 'quote.discountPercent')).toBeUndefined();
  });

  it('offers only operators that fit the fact', () => {
    expect(operatorsFor('number')).toContain('greaterThanInclusive');
    expect(operatorsFor('number')).not.toContain('contains');
    expect(operatorsFor('string[]')).toEqual(expect.arrayContaining(['contains', 'containsAny', 'isPresent']));
    expect(operatorsFor('string[]')).not.toContain('in');
    expect(operatorsFor('boolean')).not.toContain('lessThan');
    expect(operatorsFor(undefined).length).toBeGreaterThan(10);
  });

  it('types the value per fact and operator', () => {
    expect(valueShapeOf('in', 'string')).toEqual({ kind: 'list', type: 'string' });
    expect(valueShapeOf('contains', 'string[]')).toEqual({ kind: 'single', type: 'string' });
    expect(valueShapeOf('isPresent', 'string')).toEqual({ kind: 'presence' });
    expect(typedValue('35', 'number')).toBe(35);
    expect(typedValue('35', 'string')).toBe('35');
    expect(typedValue('true', undefined)).toBe(true);
    expect(typedList('EMEA, APAC,', 'string')).toEqual(['EMEA', 'APAC']);
  });
});
