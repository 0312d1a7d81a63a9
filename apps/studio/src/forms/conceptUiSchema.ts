/**
 * The uiSchema of a definition kind, derived from its schema's shape: every recurring concept
 * (duration, reference, code, condition, roles, groups, evidence fields, enums) gets its widget or
 * field wherever it appears, labels and help come from the `forms` namespace (never from the
 * schema's own wording, which speaks to developers), and array items are named ("reason code").
 * A kind's uiSchema adds only what is particular to it (see `definitions/kindForms.ts`).
 */
import { DEFINITION_KINDS } from '@mandate/definitions';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';

type Schema = Record<string, unknown>;

/** The concepts of the definition schemas (`$defs` names) and how each is edited. */
export const CONCEPT_UI: Readonly<Record<string, UiSchema>> = {
  Duration: { 'ui:widget': 'DurationWidget' },
  Reference: { 'ui:widget': 'ReferenceWidget' },
  Code: { 'ui:widget': 'CodeWidget' },
  Role: { 'ui:widget': 'CodeWidget' },
  Group: { 'ui:widget': 'KnownNameWidget', 'ui:options': { source: 'groups' } },
  EvidencePath: { 'ui:placeholder': 'evidence.quote.discountPercent' },
  // The unions: each names its cases in words (the condition editor's kind choice, and for an
  // optional one "Always / When a condition holds"); never rjsf's "Option 1" picker.
  TopLevelCondition: { 'ui:field': 'ConditionField', 'ui:fieldReplacesAnyOrOneOf': true },
  Condition: { 'ui:field': 'ConditionField', 'ui:fieldReplacesAnyOrOneOf': true, 'ui:options': { leafAllowed: true } },
};

/** Arrays of a concept edited as chips, and where the suggestions come from. */
const CHIP_SOURCES: Readonly<Record<string, string>> = { Role: 'roles', Group: 'groups', EvidencePath: 'evidence', Code: 'codes' };

/** Definitions whose concept help is worth showing when the property says nothing itself. */
const CONCEPT_HELP = new Set(['Scope', 'EvidencePath']);

/** The definition kind a reference property points at (`slaPolicy` -> SlaPolicy, `calendar` -> BusinessCalendar). */
export function referenceKindOf(property: string): string | undefined {
  if (property === 'calendar') return 'BusinessCalendar';
  const kind = property.charAt(0).toUpperCase() + property.slice(1);
  return (DEFINITION_KINDS as readonly string[]).includes(kind) ? kind : undefined;
}

/** "candidateGroups" -> "Candidate groups": the fallback label of a property the namespace does not name. */
export function sentenceCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function refName(node: Schema): string | undefined {
  const ref = node.$ref;
  return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
}

function resolve(node: Schema, root: Schema): { node: Schema; def?: string } {
  const def = refName(node);
  if (!def) return { node };
  const target = ((root.$defs ?? {}) as Record<string, Schema>)[def] ?? {};
  return { node: { ...target, ...node, $ref: undefined }, def };
}

interface Walk {
  root: Schema;
  kind: string;
  t: TFunction;
}

function help(w: Walk, name: string, own: unknown, def: string | undefined): string | undefined {
  if (typeof own === 'string') return w.t([`help.${w.kind}.${name}`, `help.${name}`], { ns: 'forms', defaultValue: own });
  if (def && CONCEPT_HELP.has(def)) return w.t(`help.$${def}`, { ns: 'forms' });
  return undefined;
}

function enumNames(w: Walk, name: string, values: readonly unknown[]): string[] {
  return values.map((v) => w.t([`enums.${name}.${String(v)}`], { ns: 'forms', defaultValue: sentenceCase(String(v)) }));
}

function nodeUi(w: Walk, raw: Schema, name: string): UiSchema {
  const own = raw.description;
  if (name.startsWith('$')) return { 'ui:widget': 'hidden' };
  const { node, def } = resolve(raw, w.root);
  const ui: UiSchema = { 'ui:title': w.t([`labels.${w.kind}.${name}`, `labels.${name}`], { ns: 'forms', defaultValue: sentenceCase(name) }) };
  if ('const' in node) return { 'ui:widget': 'hidden' };
  const text = help(w, name, own, def);
  if (text) ui['ui:description'] = text;
  if (def && CONCEPT_UI[def]) {
    const concept = CONCEPT_UI[def];
    Object.assign(ui, concept);
    if (def === 'Reference') ui['ui:options'] = { referenceKind: referenceKindOf(name) };
    return ui;
  }
  if (Array.isArray(node.enum)) {
    ui['ui:enumNames'] = enumNames(w, name, node.enum);
    return ui;
  }
  if (node.type === 'string' && typeof node.maxLength === 'number' && node.maxLength >= 500) ui['ui:widget'] = 'textarea';
  if (node.type === 'object' && node.properties) {
    const entries = Object.entries(node.properties as Record<string, Schema>);
    for (const [key, child] of entries) ui[key] = nodeUi(w, child, key);
    // An object with one visible member (a rule's event, a weight) is that member: no frame of its own.
    if (entries.filter(([, child]) => !('const' in child)).length === 1) ui['ui:options'] = { flat: true };
  } else if (node.type === 'object' && typeof node.additionalProperties === 'object') {
    ui['ui:field'] = 'MapField';
    ui.additionalProperties = nodeUi(w, node.additionalProperties as Schema, 'weight');
  }
  if (node.type === 'array' && typeof node.items === 'object') {
    const items = node.items as Schema;
    const itemDef = refName(items);
    const resolvedItems = resolve(items, w.root).node;
    if (itemDef && CHIP_SOURCES[itemDef]) {
      ui['ui:field'] = 'ChipsField';
      ui['ui:options'] = { source: CHIP_SOURCES[itemDef] };
    } else if (Array.isArray(resolvedItems.enum)) {
      ui['ui:widget'] = 'checkboxes';
      ui['ui:options'] = { inline: true };
      ui['ui:enumNames'] = enumNames(w, name, resolvedItems.enum);
      ui.items = { 'ui:enumNames': ui['ui:enumNames'] };
    } else if (resolvedItems.type === 'string') {
      ui['ui:field'] = 'ChipsField';
      ui['ui:options'] = { source: 'values' };
    } else {
      const noun = w.t([`items.${name}`, 'items.item'], { ns: 'forms' });
      ui['ui:options'] = { itemNoun: noun };
      ui.items = { ...nodeUi(w, items, name), 'ui:title': noun.charAt(0).toUpperCase() + noun.slice(1) };
      // The list's help is said once, above the list, not in every item.
      const itemHelp = help(w, name, resolvedItems.description, undefined);
      delete (ui.items as UiSchema)['ui:description'];
      if (!ui['ui:description'] && itemHelp) ui['ui:description'] = itemHelp;
    }
  }
  return ui;
}

/**
 * The derived uiSchema of a schema (a definition kind's, or any form's): labels, help and the
 * concept widgets and fields. `kind` picks kind-specific help (`help.<kind>.<property>`).
 */
export function conceptUiSchema(schema: RJSFSchema, t: TFunction, kind = ''): UiSchema {
  const root = schema as Schema;
  const w: Walk = { root, kind, t };
  const ui: UiSchema = {};
  for (const [key, child] of Object.entries((root.properties ?? {}) as Record<string, Schema>)) ui[key] = nodeUi(w, child, key);
  if (kind) ui['ui:description'] = t(`help.kinds.${kind}`, { ns: 'forms', defaultValue: '' });
  return ui;
}
