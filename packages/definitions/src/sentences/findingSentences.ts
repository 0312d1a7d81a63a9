/**
 * The plain-language sentence of every finding code, in English: what a governance admin reads in
 * the studio, the CLI and the runtime's problems. This catalogue is the one English source: the
 * studio's `locales/en/findings.json` is generated from it (`npm run generate-types -w
 * packages/definitions`) and a studio test fails when that file is stale; German lives beside it.
 *
 * Templates use i18next syntax so the studio renders them with its own translations from the
 * finding's `params`: `{{name}}` interpolates a parameter, `$t(group.{{key}})` nests a phrase of
 * another group, and a code with `_one`/`_other` variants is chosen by the `count` parameter.
 * `{{field}}` is the field the finding concerns, already quoted and placed (`"Applies to" of
 * reason code 8 (COMPETITIVE_MATCH)`), built with the `location` templates.
 */
import type { FindingCode } from '../findingCodes.js';

/** A code's template, or its plural variants (`count` picks one; `zero`, as in i18next, for a count of 0). */
export type SentenceTemplate = string | { zero?: string; one: string; other: string };

/** Sentence templates by finding code. */
export const FINDING_SENTENCES = {
  FILE_TOO_LARGE: 'The definition is larger than 1 MiB; shorten it or split it into several definitions.',
  NESTING_TOO_DEEP: 'The definition nests more than 64 levels deep; simplify it.',
  JSON_PARSE_ERROR: 'The definition text cannot be read: check for a missing comma, quote or bracket, and remove comments and trailing commas.',
  DUPLICATE_JSON_KEY: '{{field}} is given twice; keep one.',
  FORBIDDEN_JSON_KEY: 'A field may not be named "__proto__"; rename or remove it.',
  UNKNOWN_KIND: '"{{value}}" is not a kind of definition; choose one of: {{allowed}}.',
  SCHEMA_TYPE: '{{field}} must be $t(valueType.{{expected}}).',
  SCHEMA_REQUIRED: '{{field}} is required.',
  SCHEMA_ADDITIONAL_PROPERTIES: '{{field}} is not a field of this definition; remove it.',
  SCHEMA_ENUM: '{{field}} must be one of: {{allowed}}.',
  SCHEMA_CONST: '{{field}} must be {{allowed}}.',
  SCHEMA_PATTERN: '{{field}} is not in the right form: $t(form.{{form}}).',
  SCHEMA_FORMAT: '{{field}} must be $t(format.{{format}}).',
  SCHEMA_MINIMUM: '{{field}} must be at least {{limit}}.',
  SCHEMA_MAXIMUM: '{{field}} must be at most {{limit}}.',
  SCHEMA_MIN_ITEMS: { one: '{{field}} needs at least one entry.', other: '{{field}} needs at least {{count}} entries.' },
  SCHEMA_MAX_ITEMS: { one: '{{field}} may have only one entry.', other: '{{field}} may have at most {{count}} entries.' },
  SCHEMA_MIN_LENGTH: { one: '{{field}} must not be empty.', other: '{{field}} needs at least {{count}} characters.' },
  SCHEMA_MAX_LENGTH: { one: '{{field}} may be at most one character long.', other: '{{field}} is too long: at most {{count}} characters.' },
  SCHEMA_UNIQUE_ITEMS: '{{field}} lists "{{value}}" more than once; keep one.',
  SCHEMA_MIN_PROPERTIES: { one: '{{field}} needs at least one entry.', other: '{{field}} needs at least {{count}} entries.' },
  SCHEMA_PROPERTY_NAMES: '{{field}} has an entry named "{{name}}", which is not in the right form.',
  SCHEMA_ONE_OF: '{{field}} is not a complete condition: combine conditions with all, any or not, or compare a fact with a value.',
  SCHEMA_VIOLATION: '{{field}} is not valid.',
  DUPLICATE_DEFINITION: '{{ref}} is defined twice (also in {{otherFile}}); give this one a new version.',
  DEFINITION_ID_KIND_CONFLICT: 'The ID {{id}} already names a {{otherKind}}; one ID names one kind of definition.',
  DEFINITION_PATH_MISMATCH: 'The file is stored as {{pathRef}} but contains {{ref}}; move the file or correct its ID or version.',
  REFERENCE_NOT_FOUND: {
    zero: '{{field}} names {{ref}}, which does not exist.',
    one: '{{field}} names {{ref}}, which does not exist; the one version that exists is {{known}}.',
    other: '{{field}} names {{ref}}, which does not exist; choose one of the versions that exist: {{known}}.',
  },
  REFERENCE_TARGET_INVALID: '{{field}} names {{ref}}, which has problems of its own; fix that definition first.',
  REFERENCE_KIND_MISMATCH: '{{field}} names {{ref}}, which is a {{actualKind}}, not a {{expectedKind}}.',
  REFERENCE_CYCLE: 'These definitions refer to each other in a circle: {{cycle}}; break the circle.',
  DUPLICATE_DECISION_OPTION: 'Decision option "{{code}}" is listed twice; keep one.',
  DECISION_SCHEMA_INVALID: 'The decision form is not set up correctly: its field definitions are invalid.',
  EVIDENCE_SCHEMA_INVALID: 'The evidence description is not set up correctly: its field definitions are invalid.',
  DECISION_SCHEMA_OPTIONS_MISMATCH: 'The decision form offers {{offered}}, but the decision options are {{options}}; make them the same.',
  UI_SCHEMA_UNKNOWN_FIELD: 'The form layout mentions "{{name}}", which is not a field of the decision form.',
  EVIDENCE_PATH_UNKNOWN: '{{field}} names {{path}}, which is not in the evidence.',
  AUTHORITY_MEASURE_NOT_NUMBER: '{{path}} is not a number, so it cannot be compared with authority limits.',
  AUTHORITY_POLICY_MISSING: 'A decision option requires authority, but no authority policy is chosen.',
  REASON_CODE_MISSING_FOR_DECISION: 'Decision "{{decision}}" requires a reason, but {{reasonCodeSet}} has no reason code for it.',
  DECISION_FORBIDDEN_BY_ACTION_POLICY: 'Decision "{{decision}}" is a forbidden action in {{actionPolicy}}.',
  FOLLOW_UP_UNKNOWN_DECISION: 'A follow-up starts on decision "{{decision}}", which is not a decision option.',
  DUPLICATE_CODE: 'Reason code "{{code}}" is listed twice; keep one.',
  REASON_CODE_UNKNOWN_DECISION: 'Reason code "{{code}}" applies to "{{decision}}", which no task type using this set offers as a decision or action.',
  DUPLICATE_RULE_NAME: 'Two rules are named "{{name}}"; give each rule its own name.',
  SLA_WARNING_NOT_BEFORE_DUE: 'The warning ({{warnBefore}} before due) must come before the due time ({{dueIn}}).',
  SLA_ZERO_DUE: 'The due time must be longer than zero.',
  DUPLICATE_HOLIDAY: 'The holiday on {{date}} is listed twice; keep one.',
  CALENDAR_UNKNOWN_TIME_ZONE: '"{{timeZone}}" is not a time zone; use a name such as Europe/Berlin.',
  CALENDAR_EMPTY_WORKING_HOURS: 'Working hours {{from}}–{{to}} end before they start.',
  CALENDAR_OVERLAPPING_HOURS: 'Working hours {{from}}–{{to}} on {{day}} overlap working hours {{other}}.',
  DUPLICATE_PRIORITY_REASON: 'Two priority rules are named "{{name}}"; give each rule its own name.',
  PRIORITY_UNKNOWN_TASK_TYPE: 'There is a base weight for "{{taskType}}", which is not a task type.',
  DUPLICATE_VISIBILITY_PATH: 'The protected field {{path}} is listed twice; keep one.',
  VISIBILITY_PATH_NOT_IN_EVIDENCE: '{{path}} is not in the evidence of {{taskType}}, which uses this policy.',
  DUPLICATE_ACTION: 'Action "{{code}}" is listed twice; keep one.',
  ACTION_BOTH_SAFE_AND_FORBIDDEN: 'Action "{{code}}" is both allowed and forbidden; choose one.',
  FORBIDDEN_ACTION_UNKNOWN_ALTERNATIVE: 'The alternative "{{instead}}" is not an allowed action of this policy.',
  DANGEROUS_ACTION_UNGUARDED: 'Action "{{code}}" is dangerous: it must require an elevated role, a reason, a second approval and an acknowledgement.',
  DUPLICATE_GRANT: 'Two grants are named "{{name}}"; give each grant its own name.',
  RULE_UNKNOWN_FACT: 'A condition reads "{{fact}}", which is not a known fact.',
  RULE_UNKNOWN_FACT_PATH: 'A condition on {{fact}} $t(factPath.{{problem}}).',
  RULE_UNKNOWN_OPERATOR: 'A condition compares with "{{operator}}", which is not a known comparison.',
  RULE_OPERATOR_TYPE_MISMATCH: 'The comparison "{{operator}}" does not apply to {{fact}}, which is $t(valueType.{{factType}}).',
  RULE_VALUE_TYPE_MISMATCH: 'The value compared with {{fact}} must be $t(valueType.{{expected}}).',
} as const satisfies Record<FindingCode, SentenceTemplate>;

/**
 * Phrases the sentences nest (`$t(group.key)`): value types, string forms and formats, the
 * ways a fact path can be wrong, and how a field is placed inside a list entry.
 */
export const FINDING_PHRASES = {
  valueType: {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'yes or no',
    array: 'a list',
    object: 'a group of fields',
    null: 'empty',
    dateTime: 'a date and time',
    textList: 'a list of texts',
    numberList: 'a list of numbers',
    list: 'a list',
    other: 'of another type',
  },
  form: {
    code: 'capital letters, digits and underscores, starting with a letter (e.g. COMPETITIVE_MATCH)',
    group: 'lower-case words joined by hyphens (e.g. regional-sales-directors)',
    reference: 'an ID and a version (e.g. DISCOUNT_APPROVAL@2)',
    duration: 'a duration in days, hours and minutes (e.g. PT8H for 8 hours, P1DT4H for a day and 4 hours)',
    evidencePath: 'a path into the evidence (e.g. evidence.amount)',
    time: 'a time of day as hours and minutes (e.g. 09:00)',
    endTime: 'a time of day as hours and minutes, up to 24:00 (e.g. 17:30)',
    currency: 'a three-letter currency code (e.g. EUR)',
    factPath: 'names joined by dots (e.g. customer.segment)',
    event: 'a business event name (e.g. QuoteRevised)',
    other: 'the expected form',
  },
  format: {
    date: 'a date (e.g. 2026-12-24)',
    'date-time': 'a date and time',
    other: 'in the expected format',
  },
  factPath: {
    malformed: 'names "{{path}}", which is not a path of names joined by dots',
    noPaths: 'names "{{path}}", but {{fact}} has no fields',
    missing: 'needs a field to read (e.g. {{example}})',
    notInEvidence: 'reads "{{path}}", which is not in the evidence of {{taskType}}',
    undeclared: 'reads "{{path}}", which {{fact}} does not have',
    other: 'reads a field {{fact}} does not have',
  },
  location: {
    /** A field by its label. */
    field: '"{{label}}"',
    /** The whole document. */
    root: 'the definition',
    /** A list entry, counted from 1, with its code or name when it has one. */
    entry: '{{noun}} {{position}}',
    namedEntry: '{{noun}} {{position}} ({{name}})',
    /** A field or entry inside a list entry: `"Applies to" of reason code 8 (COMPETITIVE_MATCH)`. */
    within: '{{inner}} of {{outer}}',
  },
} as const;

/**
 * The English catalogue as an i18next namespace (JSON v4): a code's plural variants become
 * `CODE_zero`, `CODE_one` and `CODE_other`, the phrase groups nest beside the codes. The studio's
 * `locales/en/findings.json` holds exactly this, plus its own `summary` strings.
 */
export function findingsNamespace(): Record<string, string | Record<string, string>> {
  const out: Record<string, string | Record<string, string>> = {};
  for (const [code, template] of Object.entries(FINDING_SENTENCES) as [string, SentenceTemplate][]) {
    if (typeof template === 'string') out[code] = template;
    else {
      if (template.zero !== undefined) out[`${code}_zero`] = template.zero;
      out[`${code}_one`] = template.one;
      out[`${code}_other`] = template.other;
    }
  }
  return { ...out, ...FINDING_PHRASES };
}
