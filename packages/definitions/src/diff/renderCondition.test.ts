import { describe, expect, it } from 'vitest';
import { conditionScope, renderCondition, renderConditionChange } from './renderCondition.js';

const leaf = (operator: string, value: unknown) => ({ all: [{ fact: 'evidence', path: 'discountPercent', operator, value }] });

describe('renderCondition', () => {
  it('renders nested conditions as an expression', () => {
    const condition = {
      any: [
        { all: [{ fact: 'actor', path: 'roles', operator: 'contains', value: 'FINANCE_APPROVER' }, { fact: 'relation', path: 'sameTenant', operator: 'equal', value: true }] },
        { not: { fact: 'item', path: 'state', operator: 'in', value: ['cancelled'] } },
      ],
    };
    expect(renderCondition(condition)).toBe('(actor.roles contains "FINANCE_APPROVER" and relation.sameTenant == true) or not (item.state in ["cancelled"])');
  });

  it('shows a single changed threshold compactly, as in "discountPercent > 25 -> > 30"', () => {
    expect(renderConditionChange(leaf('greaterThan', 25), leaf('greaterThan', 30))).toBe('evidence.discountPercent > 25 -> > 30');
  });
});

describe('conditionScope', () => {
  it('tells whether a threshold change makes a rule apply more or less often', () => {
    expect(conditionScope(leaf('greaterThan', 25), leaf('greaterThan', 30))).toBe('narrowed');
    expect(conditionScope(leaf('greaterThanInclusive', 30), leaf('greaterThanInclusive', 25))).toBe('widened');
    expect(conditionScope(leaf('lessThan', 10), leaf('lessThan', 20))).toBe('widened');
    expect(conditionScope(leaf('in', ['A']), leaf('in', ['A', 'B']))).toBe('widened');
    expect(conditionScope(leaf('in', ['A', 'B']), leaf('in', ['B']))).toBe('narrowed');
    expect(conditionScope(leaf('equal', 1), leaf('equal', 2))).toBe('unknown');
    expect(conditionScope({ not: leaf('greaterThan', 1).all[0] }, { not: leaf('greaterThan', 2).all[0] })).toBe('unknown');
    expect(conditionScope(undefined, leaf('equal', 1))).toBe('narrowed');
    expect(conditionScope(leaf('equal', 1), undefined)).toBe('widened');
  });
});
