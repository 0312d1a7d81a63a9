import { describe, expect, it } from 'vitest';
import { errorsAt, findingsToErrorSchema, findingsUnder, pointerSegments } from './findingsToErrorSchema.js';
import { fieldIdOf } from './FindingList.js';

const finding = (pointer: string, code = 'DUPLICATE_CODE', severity = 'error') => ({ code, severity, message: 'msg', pointer });

describe('findings on fields', () => {
  it('splits RFC 6901 pointers, unescaping ~1 and ~0', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/codes/2/code')).toEqual(['codes', '2', 'code']);
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(pointerSegments('/')).toEqual(['']);
  });

  it('nests findings by pointer with __errors at the field, warnings marked', () => {
    const schema = findingsToErrorSchema([finding('/codes/2/code'), finding('/codes/2/code', 'X', 'warning'), finding('/calendar', 'REFERENCE_NOT_FOUND'), finding('')]);
    expect(schema).toEqual({
      __errors: ['DUPLICATE_CODE: msg'],
      codes: { 2: { code: { __errors: ['DUPLICATE_CODE: msg', 'warning X: msg'] } } },
      calendar: { __errors: ['REFERENCE_NOT_FOUND: msg'] },
    });
    expect(errorsAt(schema, 'codes', 2, 'code')).toHaveLength(2);
    expect(errorsAt(schema, 'codes', 3, 'code')).toEqual([]);
  });

  it('points into condition trees by group keyword and index', () => {
    const schema = findingsToErrorSchema([finding('/rules/0/conditions/all/1/path', 'RULE_UNKNOWN_FACT_PATH')]);
    expect(errorsAt(schema, 'rules', 0, 'conditions', 'all', 1, 'path')).toEqual(['RULE_UNKNOWN_FACT_PATH: msg']);
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
