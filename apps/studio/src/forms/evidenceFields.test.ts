import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evidenceSchemaOf, fieldsOf, isListable, schemaOf } from './evidenceFields.js';

const shipped = join(dirname(fileURLToPath(import.meta.url)), '../../../../definitions/TaskType/DISCOUNT_APPROVAL/v3.json');
const evidence = (JSON.parse(readFileSync(shipped, 'utf8')) as { evidenceSchema: Record<string, unknown> }).evidenceSchema;

describe('evidence schema as a list of fields', () => {
  it('round-trips a shipped evidence schema unchanged', () => {
    expect(isListable(evidence)).toBe(true);
    expect(evidenceSchemaOf(evidence, fieldsOf(evidence))).toEqual(evidence);
  });

  it('reads names, types, required and nested fields', () => {
    const fields = fieldsOf(evidence);
    expect(fields.find((f) => f.name === 'quoteId')).toMatchObject({ type: 'string', required: true });
    expect(fields.find((f) => f.name === 'lines')).toMatchObject({ type: 'array', itemType: 'object' });
    expect(fields.find((f) => f.name === 'lines')?.fields?.map((f) => f.name)).toContain('sku');
  });

  it('keeps a field\'s other keywords when only its name or required changes, drops them when its type changes', () => {
    const field = { name: 'score', type: 'number' as const, required: false, rest: { type: 'number', minimum: 0, description: 'Risk' } };
    expect(schemaOf(field)).toEqual({ type: 'number', minimum: 0, description: 'Risk' });
    expect(schemaOf({ ...field, type: 'string' })).toEqual({ type: 'string', description: 'Risk' });
  });

  it('adds a field and its required flag', () => {
    const next = evidenceSchemaOf(evidence, [...fieldsOf(evidence), { name: 'region', type: 'string', required: true, rest: {} }]);
    expect((next.required as string[]).at(-1)).toBe('region');
    expect((next.properties as Record<string, unknown>).region).toEqual({ type: 'string' });
  });

  it('refuses shapes it cannot show', () => {
    expect(isListable({ oneOf: [] })).toBe(false);
    expect(isListable({})).toBe(true);
  });
});
