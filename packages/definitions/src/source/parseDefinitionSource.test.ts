import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, MAX_SOURCE_BYTES, parseDefinitionSource } from './parseDefinitionSource.js';

function failure(text: string) {
  const result = parseDefinitionSource(text);
  if (result.ok) throw new Error('expected a parse failure');
  return { codes: result.findings.map((f) => f.code), at: result.locate('') };
}

describe('parseDefinitionSource', () => {
  it('locates a pointer at the key of an object member, and array elements at their value', () => {
    const text = '{\n  "kind": "TaskType",\n  "codes": [\n    { "code": "A" },\n    { "code": "B" }\n  ]\n}';
    const result = parseDefinitionSource(text);
    if (!result.ok) throw new Error('parse failed');
    expect(result.source.value).toEqual({ kind: 'TaskType', codes: [{ code: 'A' }, { code: 'B' }] });
    expect(result.source.locate('/kind')).toEqual({ line: 2, column: 3 });
    expect(result.source.locate('/codes/1')).toEqual({ line: 5, column: 5 });
    expect(result.source.locate('/codes/1/code')).toEqual({ line: 5, column: 7 });
    // A pointer past what exists falls back to the closest ancestor.
    expect(result.source.locate('/codes/1/missing/deeper')).toEqual({ line: 5, column: 5 });
    expect(result.source.locate('')).toEqual({ line: 1, column: 1 });
  });

  it('reports malformed JSON where the parser stopped', () => {
    expect(failure('{\n  "a": 1,\n}')).toEqual({ codes: ['JSON_PARSE_ERROR'], at: { line: 3, column: 1 } });
    expect(failure('{ "a": 1 } // note').codes).toEqual(['JSON_PARSE_ERROR']);
    expect(failure('').codes).toEqual(['JSON_PARSE_ERROR']);
    expect(failure('{ "a": "unterminated').codes).toEqual(['JSON_PARSE_ERROR']);
  });

  it('accepts a leading byte order mark without shifting positions', () => {
    const result = parseDefinitionSource('\uFEFF{"kind": "TaskType"}');
    if (!result.ok) throw new Error('parse failed');
    expect(result.source.value).toEqual({ kind: 'TaskType' });
    expect(result.source.locate('/kind')).toEqual({ line: 1, column: 3 });
  });

  it('refuses a duplicate key, which JSON.parse would silently resolve', () => {
    const result = parseDefinitionSource('{\n  "codes": [{ "id": "A",\n  "id": "B" }]\n}');
    if (result.ok) throw new Error('expected a parse failure');
    expect(result.findings.map((f) => [f.code, f.pointer])).toEqual([['DUPLICATE_JSON_KEY', '/codes/0/id']]);
    expect(result.locate('')).toEqual({ line: 3, column: 3 });
  });

  it('refuses files over the size limit before parsing', () => {
    const big = `{"pad": "${'x'.repeat(MAX_SOURCE_BYTES)}"}`;
    expect(failure(big).codes).toEqual(['FILE_TOO_LARGE']);
  });

  it('counts bytes, not characters, against the size limit', () => {
    const multiByte = `{"pad": "${'é'.repeat(MAX_SOURCE_BYTES / 2)}"}`; // 2 bytes each
    expect(failure(multiByte).codes).toEqual(['FILE_TOO_LARGE']);
  });

  it('refuses pathological nesting without recursing into it', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(failure(deep)).toEqual({ codes: ['NESTING_TOO_DEEP'], at: { line: 1, column: MAX_NESTING_DEPTH + 1 } });
    const brackets = `{"a": "${'['.repeat(200)}"}`; // brackets inside strings do not nest
    expect(parseDefinitionSource(brackets).ok).toBe(true);
  });

  it('refuses __proto__ keys at any depth', () => {
    const result = parseDefinitionSource('{"a": [{"__proto__": {"polluted": true}}]}');
    if (result.ok) throw new Error('expected a parse failure');
    expect(result.findings.map((f) => [f.code, f.pointer])).toEqual([['FORBIDDEN_JSON_KEY', '/a/0/__proto__']]);
    expect(result.locate('')).toEqual({ line: 1, column: 9 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
