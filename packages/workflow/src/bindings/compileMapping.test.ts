import { describe, expect, it } from 'vitest';
import { compileMapping, evaluateMapping, mappingFunction, mappingShape, MappingError } from './compileMapping.js';

describe('compileMapping and evaluateMapping', () => {
  it('maps an object to an object', async () => {
    const mapping = compileMapping("{ 'decision': decision, 'approvalStatus': outcome.approvalStatus, 'note': $join(['by ', decidedBy]) }");
    expect(await evaluateMapping(mapping, { decision: 'APPROVE', outcome: { approvalStatus: 'APPROVED' }, decidedBy: 'dana' })).toEqual({ decision: 'APPROVE', approvalStatus: 'APPROVED', note: 'by dana' });
  });

  it('leaves out what the input lacks, and returns plain JSON', async () => {
    const result = await evaluateMapping(compileMapping("{ 'lines': lines, 'missing': nothing, 'n': count }"), { lines: [{ sku: 'ONT-G2' }], count: 3 });
    expect(result).toEqual({ lines: [{ sku: 'ONT-G2' }], n: 3 });
    expect(Object.getOwnPropertyNames(result.lines)).toEqual(['0', 'length']);
  });

  it('reports a syntax error with its line and column in the source', () => {
    const source = "{\n  'decision': decision,\n  'status': outcome.approvalStatus,\n}";
    let error: unknown;
    try {
      compileMapping(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'MAPPING_SYNTAX', jsonataCode: 'S0211', at: { offset: source.lastIndexOf('}'), line: 4, column: 1 } });
    expect((error as Error).message).toBe('mapping does not parse at line 4, column 1: The symbol "}" cannot be used as a unary operator (JSONata S0211)');
  });

  it('points at the end of an unfinished expression', () => {
    expect(() => compileMapping("{ 'a': b")).toThrow(expect.objectContaining({ code: 'MAPPING_SYNTAX', at: { offset: 8, line: 1, column: 9 } }) as Error);
  });

  it('reports an evaluation error with its position', async () => {
    await expect(evaluateMapping(compileMapping("{ 'total': $sum(amount) }"), { amount: 'many' })).rejects.toMatchObject({
      code: 'MAPPING_EVALUATION',
      jsonataCode: 'T0412',
      message: expect.stringMatching(/^mapping failed at line 1, column 12: Argument 1 of function "sum"/) as string,
    });
  });

  it.each([
    ['nothing', 'missing', /produced nothing; it must produce an object/],
    ['a string', "'APPROVE'", /produced a string; it must produce an object/],
    ['an array', '[1, 2]', /produced an array; it must produce an object/],
    ['null', 'nullValue', /produced null; it must produce an object/],
  ])('refuses a result that is %s', async (_what, source, message) => {
    await expect(evaluateMapping(compileMapping(source), { nullValue: null })).rejects.toThrow(message);
  });

  it('stops a runaway mapping', async () => {
    const mapping = compileMapping("( $loop := function($n) { $loop($n + 1) }; { 'x': $loop(0) } )");
    await expect(evaluateMapping(mapping, {})).rejects.toMatchObject({ code: 'MAPPING_EVALUATION' });
  });

  it('runs a mapping function the same way', async () => {
    const mapping = mappingFunction('approve', (input) => ({ decision: input.decision, approved: input.decision === 'APPROVE' }));
    expect(mapping.source).toBe('function approve');
    expect(await evaluateMapping(mapping, { decision: 'APPROVE' })).toEqual({ decision: 'APPROVE', approved: true });
    await expect(evaluateMapping(mappingFunction('text', () => 'no'), {})).rejects.toMatchObject({ code: 'MAPPING_RESULT' });
    await expect(
      evaluateMapping(
        mappingFunction('boom', () => {
          throw new Error('boom');
        }),
        {},
      ),
    ).rejects.toThrow('mapping function boom failed: boom');
  });
});

describe('mappingShape', () => {
  it('reads an object constructor: keys with their offsets, paths and strings', () => {
    const source = "{ 'decision': decision, 'status': $.outcome.approvalStatus, 'kind': 'QUOTE', 'n': $count(x) }";
    expect(mappingShape(source)).toEqual({
      kind: 'object',
      entries: [
        { key: 'decision', offset: source.indexOf("'decision'"), value: { kind: 'path', path: ['decision'] } },
        { key: 'status', offset: source.indexOf("'status'"), value: { kind: 'path', path: ['outcome', 'approvalStatus'] } },
        { key: 'kind', offset: source.indexOf("'kind'"), value: { kind: 'string', value: 'QUOTE' } },
        { key: 'n', offset: source.indexOf("'n'"), value: { kind: 'other' } },
      ],
    });
  });

  it('is other for anything else, and for a source that does not parse', () => {
    expect(mappingShape("$merge([outcome, { 'decision': decision }])")).toEqual({ kind: 'other' });
    expect(mappingShape('{ ')).toEqual({ kind: 'other' });
  });
});
