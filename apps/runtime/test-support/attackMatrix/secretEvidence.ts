// Test support for the attack matrix: evidence for any task type, generated from its evidence
// schema, with a unique marker value at every leaf under a path its visibility policy protects.
// A marker is unique per item and path, so finding its text in a response proves a leak.
import type { TaskType, VisibilityPolicy } from '@mandate/definitions';

/** A JSON Schema, as far as the generator reads it. */
interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
}

/** A marker planted in an item's evidence: its concrete path (`evidence.lines[0].costBasis`) and its value. */
export interface Marker {
  itemId?: string;
  path: string;
  value: string | number;
}

/** Unique across the process, so two items never share a marker. */
let counter = 0;

function markerValue(schema: Schema): string | number | undefined {
  counter += 1;
  if (schema.const !== undefined || schema.enum || schema.type === 'boolean') return undefined;
  if (schema.type === 'integer') return 730000 + counter;
  if (schema.type === 'number') {
    // Inside the schema's bounds, with digits no other value of the run has.
    const low = Math.max(schema.minimum ?? 0, 0);
    const high = schema.maximum ?? 100;
    return Number((low + (high - low) * 0.37 + counter * 1e-6 + 3e-9).toFixed(9));
  }
  if (schema.type === 'string' && !schema.pattern && schema.format !== 'date') {
    return schema.format === 'date-time' ? new Date(Date.UTC(2025, 0, 1, 0, 0, 0) + counter * 1001).toISOString() : `SECRET-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  }
  return undefined;
}

/** A plain valid value for a schema (no marker). */
function plainValue(schema: Schema, name: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, plainValue(child, key)]));
    case 'array':
      return schema.items ? [plainValue(schema.items, name)] : [];
    case 'integer':
      return Math.max(schema.minimum ?? 1, 1);
    case 'number':
      return schema.minimum !== undefined && schema.maximum !== undefined ? (schema.minimum + schema.maximum) / 2 : 10;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date-time') return '2026-07-01T08:00:00.000Z';
      if (schema.format === 'date') return '2026-12-31';
      if (schema.pattern === '^[A-Z]{3}$') return 'EUR';
      return `${name}-1`;
    default:
      return `${name}-1`;
  }
}

/** The value at `steps` filled with markers at every leaf that can carry one (recording each). */
function marked(schema: Schema, at: string, markers: Marker[]): unknown {
  if (schema.type === 'object') {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, marked(child, `${at}.${key}`, markers)]));
  }
  if (schema.type === 'array') return schema.items ? [marked(schema.items, `${at}[0]`, markers)] : [];
  const value = markerValue(schema);
  if (value === undefined) return plainValue(schema, at.split('.').pop() ?? 'x');
  markers.push({ path: at, value });
  return value;
}

/** Replaces the value at a policy path (`lines[].costBasis`, steps into element 0) with markers. */
function plant(evidence: Record<string, unknown>, schema: Schema, steps: string[], at: string, markers: Marker[]): void {
  const [step, ...rest] = steps;
  if (!step) return;
  const intoArray = step.endsWith('[]');
  const key = intoArray ? step.slice(0, -2) : step;
  const child = schema.properties?.[key];
  if (!child) return;
  if (intoArray) {
    const list = evidence[key] as Record<string, unknown>[];
    if (rest.length === 0) {
      evidence[key] = [marked(child.items ?? {}, `${at}.${key}[0]`, markers)];
      return;
    }
    plant(list[0]!, child.items ?? {}, rest, `${at}.${key}[0]`, markers);
    return;
  }
  if (rest.length === 0) {
    evidence[key] = marked(child, `${at}.${key}`, markers);
    return;
  }
  plant(evidence[key] as Record<string, unknown>, child, rest, `${at}.${key}`, markers);
}

/**
 * Valid evidence for the task type, with markers at every protected path of its visibility
 * policy; the plain values elsewhere keep the policy's other rules (authority, priority) calm.
 */
export function secretEvidence(taskType: TaskType, visibility: VisibilityPolicy): { evidence: Record<string, unknown>; markers: Marker[] } {
  const schema = taskType.evidenceSchema as Schema;
  const evidence = plainValue(schema, 'evidence') as Record<string, unknown>;
  const markers: Marker[] = [];
  for (const field of visibility.fields) plant(evidence, schema, field.path.split('.').slice(1), 'evidence', markers);
  return { evidence, markers };
}

/** Valid evidence for the task type without markers (what a caller sends for an item of its own). */
export function plainEvidence(taskType: TaskType): Record<string, unknown> {
  return plainValue(taskType.evidenceSchema, 'evidence') as Record<string, unknown>;
}

/** Where a marker's text occurs in `text` (numbers only as a whole number, not inside a longer one). */
export function containsMarker(text: string, marker: Marker): boolean {
  if (typeof marker.value === 'string') return text.includes(marker.value);
  const digits = String(marker.value).replace('.', '\\.');
  return new RegExp(`(?<![0-9.])${digits}(?![0-9])`).test(text);
}
