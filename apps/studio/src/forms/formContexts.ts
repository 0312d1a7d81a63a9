/**
 * What a template hands down to the fields inside it: the array an item belongs to (so an item
 * can name itself after its own code) and the object a field belongs to (so a duration can read
 * its sibling `basis`).
 */
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { createContext } from 'react';

/** The array around an item: its data, its errors and what one item is called ("reason code"). */
export interface ArrayItems {
  formData: unknown[];
  errorSchema: ErrorSchema | undefined;
  noun: string;
}

export const ArrayItemsContext = createContext<ArrayItems | undefined>(undefined);

/** The object around a field: its schema and data. */
export interface ObjectData {
  schema: RJSFSchema;
  formData: Record<string, unknown> | undefined;
}

export const ObjectDataContext = createContext<ObjectData | undefined>(undefined);

const IDENTIFYING_KEYS = ['code', 'name', 'id', 'title', 'label', 'path', 'date', 'event', 'onDecision'] as const;

/** The item's own name: its code, name, title... (the first non-empty of these), if it has one. */
export function identifierOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item || undefined;
  if (!item || typeof item !== 'object') return undefined;
  for (const key of IDENTIFYING_KEYS) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
}

/** The item's second line: its label or title when its identifier is a code. */
export function subtitleOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const id = identifierOf(item);
  for (const key of ['label', 'title', 'reason', 'name'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() && value !== id) return value;
  }
  return undefined;
}

/** Whether an error schema holds any error at all. */
export function hasErrors(errorSchema: unknown): boolean {
  if (!errorSchema || typeof errorSchema !== 'object') return false;
  return Object.entries(errorSchema as Record<string, unknown>).some(([key, value]) => (key === '__errors' ? Array.isArray(value) && value.length > 0 : hasErrors(value)));
}
