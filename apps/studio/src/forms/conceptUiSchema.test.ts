import { DEFINITION_KINDS, definitionSchemas } from '@mandate/definitions';
import type { UiSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { uiSchemaOf } from '../definitions/kindForms.js';
import { i18n } from '../i18n/i18n.js';
import { conceptUiSchema, referenceKindOf, sentenceCase } from './conceptUiSchema.js';
import { themedFields, themedWidgets } from './ThemedForm.js';

type Schema = Record<string, unknown>;
const t = i18n.getFixedT('en');

/** Every place in a kind's schema, with its uiSchema path (properties by name, `items`, `additionalProperties`). */
function* places(node: Schema, root: Schema, uiPath: string[], seen: ReadonlySet<string>): Generator<{ node: Schema; uiPath: string[]; def?: string }> {
  const def = typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : undefined;
  const resolved = def ? { ...((root.$defs as Record<string, Schema>)[def] ?? {}), ...node } : node;
  yield { node: resolved, uiPath, ...(def ? { def } : {}) };
  // A union's cases are the field's business; do not walk into them (and not around a recursion).
  if (resolved.oneOf || resolved.anyOf || (def && seen.has(def))) return;
  const nextSeen = def ? new Set([...seen, def]) : seen;
  for (const [key, child] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>)) yield* places(child, root, [...uiPath, key], nextSeen);
  if (resolved.items && typeof resolved.items === 'object') yield* places(resolved.items as Schema, root, [...uiPath, 'items'], nextSeen);
  if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') yield* places(resolved.additionalProperties as Schema, root, [...uiPath, 'additionalProperties'], nextSeen);
}

function uiAt(ui: UiSchema, path: string[]): UiSchema | undefined {
  let node: unknown = ui;
  for (const step of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  return node as UiSchema | undefined;
}

/** The uiSchema entries a place is drawn by: its own, or its array's field (a chips field draws its items). */
function drawnBy(ui: UiSchema, path: string[]): UiSchema | undefined {
  // Not the root: a field there (the task type's draft scope) wraps the object field and draws no member itself.
  for (let end = path.length; end >= 1; end--) {
    const at = uiAt(ui, path.slice(0, end));
    if (end === path.length || (at && typeof at['ui:field'] === 'string')) {
      if (end === path.length && at?.['ui:field']) return at;
      if (end < path.length) return at;
    }
  }
  return uiAt(ui, path);
}

const LIBRARY_WORDS = /json|rjsf|rules-engine|iso[ -]?8601|anyof|oneof|screaming|iana|draft 2020|\bschema\b/i;

describe('the derived uiSchema of every definition kind', () => {
  it.each(DEFINITION_KINDS)('gives every union in %s a registered field that names its cases, never the "Option 1" picker', (kind) => {
    const schema = definitionSchemas[kind] as unknown as Schema;
    const ui = uiSchemaOf(kind, t);
    const unions = [...places(schema, schema, [], new Set())].filter((p) => p.node.oneOf || p.node.anyOf);
    for (const union of unions) {
      const entry = drawnBy(ui, union.uiPath);
      const field = entry?.['ui:field'];
      expect({ at: union.uiPath.join('.'), field }).toEqual({ at: union.uiPath.join('.'), field: expect.any(String) });
      expect(Object.keys(themedFields)).toContain(field);
      // The field replaces rjsf's union picker, instead of being drawn beside it.
      if (entry === uiAt(ui, union.uiPath)) expect(entry?.['ui:fieldReplacesAnyOrOneOf']).toBe(true);
    }
  });

  it.each(['SlaPolicy', 'PriorityModel', 'VisibilityPolicy', 'ActionPolicy', 'TaskType'] as const)('finds the conditions of %s (so the union check above has something to check)', (kind) => {
    const schema = definitionSchemas[kind] as unknown as Schema;
    // Every kind here has at least one rule or condition; the walk must reach it.
    expect([...places(schema, schema, [], new Set())].some((p) => p.def === 'TopLevelCondition')).toBe(true);
  });

  it.each(DEFINITION_KINDS)('draws every duration, reference and code of %s by its concept widget', (kind) => {
    const schema = definitionSchemas[kind] as unknown as Schema;
    const ui = uiSchemaOf(kind, t);
    const expected: Record<string, string> = { Duration: 'DurationWidget', Reference: 'ReferenceWidget', Code: 'CodeWidget' };
    for (const place of places(schema, schema, [], new Set())) {
      if (!place.def || !expected[place.def] || place.uiPath.at(-1) === 'items') continue;
      const entry = drawnBy(ui, place.uiPath);
      // Inside a field of its own (the reason-code table, chips), the field draws it.
      if (entry !== uiAt(ui, place.uiPath)) continue;
      const widget = entry?.['ui:widget'];
      expect({ at: place.uiPath.join('.'), widget }).toEqual({ at: place.uiPath.join('.'), widget: expect.stringMatching(/Widget$|hidden/) });
      if (widget !== 'hidden' && !entry?.['ui:readonly']) expect(Object.keys(themedWidgets)).toContain(widget);
      if (place.def === 'Reference') expect((entry?.['ui:options'] as { referenceKind?: string }).referenceKind).toBeDefined();
    }
  });

  it.each(['en', 'de'])('speaks to people in %s: labels and help hold no library or spec words, and no label is a raw property name', (lng) => {
    const fixed = i18n.getFixedT(lng);
    for (const kind of DEFINITION_KINDS) {
      const ui = uiSchemaOf(kind, fixed);
      const walk = (node: unknown, path: string) => {
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
          if ((key === 'ui:title' || key === 'ui:description') && typeof value === 'string') {
            expect({ path, key, value }).toEqual({ path, key, value: expect.not.stringMatching(LIBRARY_WORDS) });
            if (key === 'ui:title') expect({ path, value }).toEqual({ path, value: expect.not.stringMatching(/^[a-z]+[A-Z]|[-_]\d|\*$/) });
          } else walk(value, `${path}.${key}`);
        }
      };
      walk(ui, kind);
    }
  });

  it.each(['en', 'de'])('has a %s label for every property and a help text for every description the schemas carry', (lng) => {
    for (const kind of DEFINITION_KINDS) {
      const schema = definitionSchemas[kind] as unknown as Schema;
      for (const place of places(schema, schema, [], new Set())) {
        const name = place.uiPath.filter((s) => s !== 'items' && s !== 'additionalProperties').at(-1);
        if (!name || place.node.const !== undefined || name.startsWith('$')) continue;
        // In the language's own file, not by falling back to English.
        const has = i18n.getResource(lng, 'forms', `labels.${name}`) !== undefined || i18n.getResource(lng, 'forms', `labels.${kind}.${name}`) !== undefined;
        expect({ kind, name, has }).toEqual({ kind, name, has: true });
      }
      expect(i18n.getResource(lng, 'forms', `help.kinds.${kind}`)).toEqual(expect.any(String));
    }
  });

  it('names labels in sentence case and maps references to kinds', () => {
    expect(sentenceCase('candidateGroups')).toBe('Candidate groups');
    expect(referenceKindOf('calendar')).toBe('BusinessCalendar');
    expect(referenceKindOf('reasonCodeSet')).toBe('ReasonCodeSet');
    expect(referenceKindOf('taskType')).toBe('TaskType');
    expect(conceptUiSchema({ type: 'object', properties: { dueIn: { $ref: '#/$defs/Duration' } }, $defs: { Duration: { type: 'string' } } }, t).dueIn).toMatchObject({ 'ui:widget': 'DurationWidget', 'ui:title': 'Due in' });
  });
});
