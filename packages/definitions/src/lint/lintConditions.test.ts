import { describe, expect, it } from 'vitest';
import { lintConditions } from './lintConditions.js';

const evidenceSchema = {
  type: 'object',
  properties: {
    requestedDiscountPercent: { type: 'number' },
    reconciliation: { type: 'object', properties: { status: { type: 'string' }, queriedAt: { type: 'string', format: 'date-time' } } },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

function lint(leaf: Record<string, unknown>, evidenceSchemas: unknown[] = [evidenceSchema]) {
  return lintConditions({ all: [leaf] }, '/conditions', { evidenceSchemas }).map((f) => [f.code, f.pointer]);
}

describe('lintConditions', () => {
  it('accepts facts, paths, operators and values that fit the catalogue', () => {
    expect(lint({ fact: 'businessObject', path: 'totalAmount', operator: 'greaterThanInclusive', value: 250000 })).toEqual([]);
    expect(lint({ fact: 'actor', path: 'roles', operator: 'containsAny', value: ['FINANCE_APPROVER'] })).toEqual([]);
    expect(lint({ fact: 'actor', path: 'roles', operator: 'contains', value: 'FINANCE_APPROVER' })).toEqual([]);
    expect(lint({ fact: 'item', path: 'state', operator: 'in', value: ['available', 'claimed'] })).toEqual([]);
    expect(lint({ fact: 'evidence', path: 'reconciliation.status', operator: 'equal', value: 'FOUND' })).toEqual([]);
    expect(lint({ fact: 'now', operator: 'after', value: { fact: 'item', path: 'dueAt' } })).toEqual([]);
    expect(lint({ fact: 'evidence', path: 'reconciliation.queriedAt', operator: 'before', value: '2026-07-02T12:00:00Z' })).toEqual([]);
  });

  it('walks nested all/any/not and reports each bad leaf at its own pointer', () => {
    const condition = {
      any: [
        { fact: 'actor', path: 'roles', operator: 'containsAny', value: ['A'] },
        { not: { fact: 'item', path: 'nope', operator: 'equal', value: 1 } },
        { all: [{ fact: 'weather', operator: 'equal', value: 'rain' }] },
      ],
    };
    expect(lintConditions(condition, '/x', { evidenceSchemas: [] }).map((f) => [f.code, f.pointer])).toEqual([
      ['RULE_UNKNOWN_FACT_PATH', '/x/any/1/not/path'],
      ['RULE_UNKNOWN_FACT', '/x/any/2/all/0/fact'],
    ]);
  });

  it('refuses unknown facts, paths and operators', () => {
    expect(lint({ fact: 'user', path: 'id', operator: 'equal', value: 'u1' })).toEqual([['RULE_UNKNOWN_FACT', '/conditions/all/0/fact']]);
    expect(lint({ fact: 'actor', path: 'salary', operator: 'equal', value: 1 })).toEqual([['RULE_UNKNOWN_FACT_PATH', '/conditions/all/0/path']]);
    expect(lint({ fact: 'actor', operator: 'equal', value: 1 })).toEqual([['RULE_UNKNOWN_FACT_PATH', '/conditions/all/0']]);
    expect(lint({ fact: 'now', path: 'hour', operator: 'equal', value: 1 })).toEqual([['RULE_UNKNOWN_FACT_PATH', '/conditions/all/0/path']]);
    expect(lint({ fact: 'evidence', path: 'marginPercent', operator: 'lessThan', value: 5 })).toEqual([['RULE_UNKNOWN_FACT_PATH', '/conditions/all/0/path']]);
    expect(lint({ fact: 'item', path: 'state', operator: 'matches', value: 'a.*' })).toEqual([['RULE_UNKNOWN_OPERATOR', '/conditions/all/0/operator']]);
  });

  it('catches the loose comparisons json-rules-engine would let through', () => {
    // "25" > 20 is true in json-rules-engine; the catalogue says the fact is a number.
    expect(lint({ fact: 'evidence', path: 'requestedDiscountPercent', operator: 'greaterThan', value: '25' })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'item', path: 'state', operator: 'greaterThan', value: 3 })).toEqual([['RULE_OPERATOR_TYPE_MISMATCH', '/conditions/all/0/operator']]);
    expect(lint({ fact: 'actor', path: 'roles', operator: 'equal', value: 'FINANCE_APPROVER' })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'item', path: 'state', operator: 'in', value: 'available' })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'item', path: 'state', operator: 'in', value: ['available', 2] })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'relation', path: 'isRequester', operator: 'equal', value: 'true' })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'now', operator: 'after', value: 'tomorrow' })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'item', path: 'ageMinutes', operator: 'greaterThan', value: { fact: 'item', path: 'state' } })).toEqual([['RULE_VALUE_TYPE_MISMATCH', '/conditions/all/0/value']]);
    expect(lint({ fact: 'item', path: 'ageMinutes', operator: 'greaterThan', value: { fact: 'item', path: 'bogus' } })).toEqual([['RULE_UNKNOWN_FACT_PATH', '/conditions/all/0/value/path']]);
  });

  it('skips evidence checks when no task type uses the definition, since there is no schema to check against', () => {
    expect(lint({ fact: 'evidence', path: 'anything', operator: 'equal', value: 1 }, [])).toEqual([]);
  });
});
