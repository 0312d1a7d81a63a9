import { describe, expect, it } from 'vitest';
import { newOutcomeRow, outcomeToRows, rowProblem, rowsToOutcome } from './outcomeRows.js';

describe('outcome rows', () => {
  it('round-trip the shipped outcomes: text, yes/no, numbers', () => {
    const outcome = { stepResult: 'NO_EFFECT', retry: true, attempts: 3 };
    const rows = outcomeToRows(outcome);
    expect(rows.map((r) => [r.variable, r.type, r.value])).toEqual([['stepResult', 'text', 'NO_EFFECT'], ['retry', 'yesNo', 'true'], ['attempts', 'number', '3']]);
    expect(rowsToOutcome(rows)).toEqual(outcome);
  });

  it('keeps a value it cannot edit as it is', () => {
    const outcome = { tags: ['a', 'b'] };
    expect(rowsToOutcome(outcomeToRows(outcome))).toEqual(outcome);
  });

  it('leaves out rows without a usable name or number, and names the problem', () => {
    const empty = newOutcomeRow();
    const rows = [...outcomeToRows({ approvalStatus: 'APPROVED' }), empty, { ...newOutcomeRow(), variable: 'approvalStatus', value: 'X' }, { ...newOutcomeRow(), variable: 'limit', type: 'number' as const, value: 'ten' }];
    expect(rowProblem(empty, rows)).toBe('variable');
    expect(rowProblem(rows[2]!, rows)).toBe('duplicate');
    expect(rowProblem(rows[3]!, rows)).toBe('number');
    expect(rowsToOutcome(rows)).toEqual({ approvalStatus: 'APPROVED' });
  });
});
