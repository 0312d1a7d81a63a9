// JS values to Camunda 7 typed variables and back: every value gets an explicit type, objects and
// arrays travel as serialized Json strings.
import { describe, expect, it } from 'vitest';
import { camundaDate, fromCamundaVariable, fromCamundaVariables, toCamundaVariable, toCamundaVariables } from './toCamundaVariables.js';

describe('toCamundaVariable', () => {
  it.each([
    ['a string', 'APPROVED', { type: 'String', value: 'APPROVED' }],
    ['an empty string', '', { type: 'String', value: '' }],
    ['true', true, { type: 'Boolean', value: true }],
    ['false', false, { type: 'Boolean', value: false }],
    ['a 32-bit integer', 42, { type: 'Integer', value: 42 }],
    ['the largest Integer', 2 ** 31 - 1, { type: 'Integer', value: 2 ** 31 - 1 }],
    ['the smallest Integer', -(2 ** 31), { type: 'Integer', value: -(2 ** 31) }],
    ['an integer beyond 32 bits', 2 ** 31, { type: 'Long', value: 2 ** 31 }],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER, { type: 'Long', value: Number.MAX_SAFE_INTEGER }],
    ['a fraction', 1234.5, { type: 'Double', value: 1234.5 }],
    ['an integer beyond 2^53', 1e20, { type: 'Double', value: 1e20 }],
    ['null', null, { type: 'Null', value: null }],
    ['undefined', undefined, { type: 'Null', value: null }],
    ['an object', { approved: true, reasons: ['A', 'B'], nested: { n: 1, none: null } }, { type: 'Json', value: '{"approved":true,"reasons":["A","B"],"nested":{"n":1,"none":null}}' }],
    ['an array', [1, 'two', { three: 3 }], { type: 'Json', value: '[1,"two",{"three":3}]' }],
    ['an empty object', {}, { type: 'Json', value: '{}' }],
    ['a date', new Date('2026-07-02T08:00:00Z'), { type: 'Date', value: '2026-07-02T08:00:00.000+0000' }],
  ])('types %s', (_name, value, expected) => {
    expect(toCamundaVariable(value)).toEqual(expected);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a bigint', 10n],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['an invalid date', new Date('nope')],
  ])('refuses %s, which no Camunda type holds', (_name, value) => {
    expect(() => toCamundaVariable(value, 'amount')).toThrow(/amount/);
  });

  it('types every entry of a map', () => {
    expect(toCamundaVariables({ approved: true, discount: 12, outcome: { status: 'APPROVED' } })).toEqual({
      approved: { type: 'Boolean', value: true },
      discount: { type: 'Integer', value: 12 },
      outcome: { type: 'Json', value: '{"status":"APPROVED"}' },
    });
  });
});

describe('fromCamundaVariable', () => {
  it('parses Json and JSON-serialized Object values, keeps the rest', () => {
    expect(fromCamundaVariable({ type: 'Json', value: '{"a":[1,2]}' })).toEqual({ a: [1, 2] });
    expect(fromCamundaVariable({ type: 'Object', value: '{"a":1}', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } })).toEqual({ a: 1 });
    expect(fromCamundaVariable({ type: 'Object', value: 'rO0AB', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } })).toBe('rO0AB');
    expect(fromCamundaVariable({ type: 'Null', value: null })).toBeNull();
    expect(fromCamundaVariable({ type: 'Long', value: 2 ** 40 })).toBe(2 ** 40);
    expect(fromCamundaVariable({ type: 'Date', value: '2026-07-02T10:00:00.000+0200' })).toBe('2026-07-02T10:00:00.000+0200');
  });

  it('round-trips what toCamundaVariables produces', () => {
    const values = { s: 'x', b: false, i: -7, l: 2 ** 35, d: 0.25, n: null, j: { list: [1, { deep: 'yes' }] } };
    expect(fromCamundaVariables(toCamundaVariables(values))).toEqual(values);
  });

  it('formats dates as Camunda does by default', () => {
    expect(camundaDate(new Date(Date.UTC(2013, 0, 23, 13, 42, 42, 7)))).toBe('2013-01-23T13:42:42.007+0000');
  });
});
