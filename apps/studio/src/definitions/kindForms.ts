/**
 * What the draft editor renders per definition kind: the kind's JSON Schema from
 * @mandate/definitions and its uiSchema. The uiSchema is derived from the schema's shape
 * (`forms/conceptUiSchema`: labels, help, durations, references, codes, conditions, roles and
 * groups wherever they appear); a kind adds only what is particular to it here: the identity
 * fields read-only, the reason-code table, the calendar editors, the evidence field list.
 */
import { definitionSchemas, type DefinitionKind } from '@mandate/definitions';
import type { RegistryFieldsType, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import { conceptUiSchema } from '../forms/conceptUiSchema.js';
import { DecisionFormBuilder, OutcomeMappingTable, TaskTypeDraftScope } from './formBuilder/index.js';

/** The fields of the definition forms beyond the themed form's own (`forms/ThemedForm`): the decision-form builder's. */
export const definitionFields: RegistryFieldsType = {
  DecisionFormBuilder,
  OutcomeMappingTable,
  TaskTypeDraftScope,
};

const identity: UiSchema = {
  $schema: { 'ui:widget': 'hidden' },
  kind: { 'ui:widget': 'hidden' },
  id: { 'ui:readonly': true },
  version: { 'ui:readonly': true },
  status: { 'ui:readonly': true },
  description: { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
  'ui:order': ['id', 'version', 'status', 'title', 'description', '*'],
};

const particular: Record<DefinitionKind, UiSchema> = {
  ReasonCodeSet: { codes: { 'ui:field': 'ReasonCodeTable' } },
  BusinessCalendar: {
    timeZone: { 'ui:placeholder': 'Europe/Berlin' },
    workingHours: { 'ui:field': 'WorkingHoursEditor' },
    holidays: { 'ui:field': 'HolidayList' },
  },
  SlaPolicy: {},
  PriorityModel: {},
  VisibilityPolicy: {},
  ActionPolicy: {},
  AuthorityPolicy: {},
  TaskType: {
    'ui:field': 'TaskTypeDraftScope',
    decisionOptions: { items: { outcome: { 'ui:field': 'OutcomeMappingTable' } } },
    decisionSchema: { 'ui:field': 'DecisionFormBuilder' },
    uiSchema: { 'ui:field': 'DecisionFormBuilder' },
    evidenceSchema: { 'ui:field': 'EvidenceSchemaField' },
  },
};

/** `over` laid over `base`, member by member (uiSchemas nest). */
export function mergeUiSchema(base: UiSchema, over: UiSchema): UiSchema {
  const out: UiSchema = { ...base };
  for (const [key, next] of Object.entries(over) as [string, unknown][]) {
    const prior: unknown = out[key];
    const nests = next && typeof next === 'object' && !Array.isArray(next) && prior && typeof prior === 'object' && !Array.isArray(prior);
    out[key] = nests ? mergeUiSchema(prior as UiSchema, next as UiSchema) : next;
  }
  return out;
}

/** Whether `kind` names a definition kind. */
export function isKind(kind: string): kind is DefinitionKind {
  return Object.hasOwn(definitionSchemas, kind);
}

/**
 * The kind's JSON Schema as the form reads it: the schema itself, `$schema` (draft 2020-12)
 * included, validated by the 2020-12 form validator.
 */
export function formSchemaOf(kind: DefinitionKind): RJSFSchema {
  return definitionSchemas[kind] as unknown as RJSFSchema;
}

/** The kind's uiSchema in the reader's language: the derived one with the kind's particulars over it. */
export function uiSchemaOf(kind: DefinitionKind, t: TFunction): UiSchema {
  return mergeUiSchema(mergeUiSchema(conceptUiSchema(formSchemaOf(kind), t, kind), identity), particular[kind]);
}
