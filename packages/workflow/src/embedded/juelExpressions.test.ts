// The JUEL subset of sequence-flow conditions and timer definitions: parsing, Camunda's meaning
// of the operators, templates, and the resolver bpmn-engine calls.
import { describe, expect, it } from 'vitest';
import { evaluateJuel, juelExpressions, parseJuel, resolveJuelTemplate, splitTemplate, validateJuelTemplate, type JuelExpressionError } from './juelExpressions.js';

const vars = { decision: 'APPROVE', amount: 1200, limit: '1000', urgent: true, quiet: false, missing: null, quote: { region: 'EU', lines: 3 }, slaReminderAfter: 'PT4H', flag: 'true' };
const run = (expression: string, variables: Record<string, unknown> = vars) => evaluateJuel(parseJuel(expression), variables);
const errorOf = (fn: () => unknown): JuelExpressionError => {
  try {
    fn();
  } catch (error) {
    return error as JuelExpressionError;
  }
  throw new Error('expected an error');
};

describe('juel subset', () => {
  it.each([
    ['decision', 'APPROVE'],
    ["decision == 'APPROVE'", true],
    ['decision == "APPROVE"', true],
    ["decision != 'APPROVE'", false],
    ['amount > 1000', true],
    ['amount >= 1200', true],
    ['amount < 1200', false],
    ['amount <= 1200', true],
    ['amount > limit', true],
    ['amount == 1200.0', true],
    ["amount == '1200'", true],
    ["decision < 'B'", true],
    ['-amount < 0', true],
    ['quote.region', 'EU'],
    ["quote.region == 'EU' && quote.lines > 2", true],
    ['quote.unknown', null],
    ['quote.region.deeper', null],
    ['missing == null', true],
    ['missing > 5', false],
    ['missing != null', false],
    ['urgent && !quiet', true],
    ['quiet || urgent', true],
    ['quiet || missing', false],
    ['flag && urgent', true],
    ["decision == 'REJECT' || amount > 1000 && urgent", true],
    ["(decision == 'REJECT' || amount > 1000) && quiet", false],
    ["decision == 'REJECT' || amount > 100000 && urgent", false],
    ['true', true],
    ['null', null],
    ['42', 42],
    ["'it\\'s'", "it's"],
  ])('%s', (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it('short-circuits: the right side is not evaluated when the left decides', () => {
    expect(run('quiet && unknownName')).toBe(false);
    expect(run('urgent || unknownName')).toBe(true);
  });

  it('an unknown variable is an error, as in Camunda', () => {
    const error = errorOf(() => run("decisoin == 'APPROVE'"));
    expect(error.code).toBe('UNKNOWN_VARIABLE');
    expect(error.message).toContain('decisoin');
  });

  it.each(['amount && urgent', "!decision", "quote > 1"])('%s is a type mismatch', (expression) => {
    expect(errorOf(() => run(expression)).code).toBe('TYPE_MISMATCH');
  });

  it.each(["execution.getVariable('x')", 'a = 1', 'a and b', 'empty a', "'open", '(a', 'a b', '', 'a.', '#x'])('%s is a syntax error', (expression) => {
    expect(errorOf(() => parseJuel(expression)).code).toBe('EXPRESSION_SYNTAX');
  });

  it('splits templates; a closing brace inside a string does not end the expression', () => {
    expect(splitTemplate("PT${hours}H")).toEqual([{ text: 'PT' }, { expression: 'hours' }, { text: 'H' }]);
    expect(splitTemplate("${x == '}'}")).toEqual([{ expression: "x == '}'" }]);
    expect(errorOf(() => splitTemplate('${x')).code).toBe('EXPRESSION_SYNTAX');
    expect(() => validateJuelTemplate("${a == 'b'} and ${c}")).not.toThrow();
  });

  it('resolves a lone expression to its value, a mixed template to text, plain text unchanged', () => {
    expect(resolveJuelTemplate('${slaReminderAfter}', vars)).toBe('PT4H');
    expect(resolveJuelTemplate('${amount > 1000}', vars)).toBe(true);
    expect(resolveJuelTemplate('Quote ${quote.region}-${amount}', vars)).toBe('Quote EU-1200');
    expect(resolveJuelTemplate('PaymentReceived', vars)).toBe('PaymentReceived');
  });

  it('resolves against the asking process environment, without the variables bpmn-engine adds', () => {
    const { resolveExpression } = juelExpressions();
    const context = { environment: { variables: { decision: 'APPROVE', content: { id: 'review' } } }, content: {} };
    expect(resolveExpression("${decision == 'APPROVE'}", context)).toBe(true);
    expect(errorOf(() => resolveExpression('${content.id}', context)).code).toBe('UNKNOWN_VARIABLE');
    expect(resolveExpression(undefined, context)).toBeUndefined();
  });
});
