/**
 * What the draft editor renders per definition kind: the kind's JSON Schema from
 * @mandate/definitions (as rjsf reads it) and a uiSchema that makes it usable: the identity
 * fields read-only, tables for reason codes, a condition editor for rules, a calendar editor.
 */
import { definitionSchemas, type DefinitionKind } from '@mandate/definitions';
import type { RegistryFieldsType, RJSFSchema, UiSchema } from '@rjsf/utils';
import { ConditionEditor } from './fields/ConditionEditor.js';
import { HolidayList } from './fields/HolidayList.js';
import { JsonField } from './fields/JsonField.js';
import { ReasonCodeTable } from './fields/ReasonCodeTable.js';
import { WorkingHoursEditor } from './fields/WorkingHoursEditor.js';
import { DecisionFormBuilder, OutcomeMappingTable, TaskTypeDraftScope } from './formBuilder/index.js';

/** The custom fields the uiSchemas name. */
export const definitionFields: RegistryFieldsType = {
  ConditionEditor,
  ReasonCodeTable,
  WorkingHoursEditor,
  HolidayList,
  JsonField,
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
  description: { 'ui:widget': 'textarea' },
};

const condition = (title: string): UiSchema => ({ 'ui:field': 'ConditionEditor', 'ui:title': title });

const uiSchemas: Record<DefinitionKind, UiSchema> = {
  ReasonCodeSet: { ...identity, codes: { 'ui:field': 'ReasonCodeTable' } },
  BusinessCalendar: {
    ...identity,
    timeZone: { 'ui:placeholder': 'Europe/Berlin' },
    workingHours: { 'ui:field': 'WorkingHoursEditor' },
    holidays: { 'ui:field': 'HolidayList' },
  },
  SlaPolicy: { ...identity, rules: { items: { conditions: condition('Applies when') } } },
  PriorityModel: { ...identity, rules: { items: { conditions: condition('Applies when') } } },
  VisibilityPolicy: { ...identity, fields: { items: { visibleWhen: condition('Visible when') } } },
  ActionPolicy: { ...identity, safeActions: { items: { enabledWhen: condition('Enabled when') } } },
  AuthorityPolicy: { ...identity },
  TaskType: {
    ...identity,
    'ui:field': 'TaskTypeDraftScope',
    decisionOptions: { items: { outcome: { 'ui:field': 'OutcomeMappingTable' } } },
    decisionSchema: { 'ui:field': 'DecisionFormBuilder' },
    uiSchema: { 'ui:field': 'DecisionFormBuilder' },
    evidenceSchema: { 'ui:field': 'JsonField' },
  },
};

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

/** The kind's uiSchema. */
export function uiSchemaOf(kind: DefinitionKind): UiSchema {
  return uiSchemas[kind];
}
