import { describe, expect, it } from 'vitest';
import { shippedSources } from '../test-support/shippedDefinitions.js';
import { DEFINITION_KINDS } from './schemas/index.js';
import { validateDefinitionSources } from './validateDefinitionSources.js';

describe('the shipped definition set', () => {
  const result = validateDefinitionSources(shippedSources());

  it('validates and lints with no findings', () => {
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('covers every kind and the ten CPQ/OMS task types', () => {
    const kinds = new Set(result.definitions.map((d) => d.definition.kind));
    expect([...kinds].sort()).toEqual([...DEFINITION_KINDS].sort());
    const taskTypes = new Set(result.definitions.filter((d) => d.definition.kind === 'TaskType').map((d) => d.definition.id));
    for (const id of [
      'DISCOUNT_APPROVAL',
      'PRICE_OVERRIDE_APPROVAL',
      'CANCELLATION_APPROVAL',
      'HIGH_RISK_QUOTE_REVIEW',
      'INVENTORY_RESERVATION_UNKNOWN_OUTCOME',
      'FULFILLMENT_FALLOUT',
      'COMPENSATION_APPROVAL',
      'CUSTOMER_DATA_CORRECTION',
      'EXCEPTION_CLASSIFICATION',
      'CUSTOMER_COMMUNICATION',
    ]) {
      expect(taskTypes, id).toContain(id);
    }
  });

  it('has at least three definitions with two or more published versions', () => {
    const published = new Map<string, number>();
    for (const { definition } of result.definitions) {
      if (definition.status === 'published') published.set(definition.id, (published.get(definition.id) ?? 0) + 1);
    }
    expect([...published.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(3);
  });
});

describe('validateDefinitionSources', () => {
  it('locates schema and lint findings in the file that holds them', () => {
    const text = [
      '{',
      '  "kind": "SlaPolicy", "id": "X_SLA", "version": 1, "status": "published", "title": "x",',
      '  "calendar": "NO_SUCH_CALENDAR@1",',
      '  "default": { "dueIn": "PT8H", "escalationGroup": "ops", "colour": "red" }',
      '}',
    ].join('\n');
    const { findings, ok } = validateDefinitionSources([{ file: 'x.json', text }]);
    expect(ok).toBe(false);
    expect(findings).toEqual([
      {
        code: 'SCHEMA_ADDITIONAL_PROPERTIES', severity: 'error', file: 'x.json', pointer: '/default/colour', line: 4, column: 59, message: 'unknown property "colour"',
        sentence: '"Colour" is not a field of this definition; remove it.',
        params: { name: 'colour', field: '"Colour"' },
        location: { labelKey: 'colour', label: 'Colour', entries: [] },
      },
    ]);
    const fixed = text.replace(', "colour": "red"', '');
    const lint = validateDefinitionSources([{ file: 'x.json', text: fixed }]).findings;
    expect(lint.map((f) => [f.code, f.pointer, f.line, f.column])).toEqual([['REFERENCE_NOT_FOUND', '/calendar', 3, 3]]);
  });

  it('never throws on any JSON value', () => {
    for (const text of ['null', '[]', '"TaskType"', '42', '{"kind": 7}', '{"kind": "Nope"}', '{"kind":"TaskType"}', '{"kind":"TaskType","decisionOptions":[null]}']) {
      const result = validateDefinitionSources([{ file: 'f.json', text }]);
      expect(result.ok, text).toBe(false);
      expect(result.findings.length, text).toBeGreaterThan(0);
    }
  });
});
