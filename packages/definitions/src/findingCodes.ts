/**
 * Every finding code validation can report, with what it means. Codes are stable: tools and
 * tests match on them, so a code is never renamed or reused for another meaning.
 */
export const FINDING_CODES = {
  // Reading the file
  FILE_TOO_LARGE: 'The file is larger than 1 MiB.',
  NESTING_TOO_DEEP: 'Objects and arrays nest deeper than 64 levels.',
  JSON_PARSE_ERROR: 'The file is not strict JSON (no comments, no trailing commas).',
  DUPLICATE_JSON_KEY: 'One object names the same property twice.',
  FORBIDDEN_JSON_KEY: 'A property named "__proto__".',
  // The kind's JSON Schema (SCHEMA_<ajv keyword>)
  UNKNOWN_KIND: '`kind` names no definition kind.',
  SCHEMA_TYPE: 'A value has the wrong JSON type.',
  SCHEMA_REQUIRED: 'A required property is missing.',
  SCHEMA_ADDITIONAL_PROPERTIES: 'A property the schema does not define.',
  SCHEMA_ENUM: 'A value outside its allowed set.',
  SCHEMA_CONST: 'A value other than the one allowed.',
  SCHEMA_PATTERN: 'A string of the wrong form (ids, references, durations, times).',
  SCHEMA_FORMAT: 'A string of the wrong format (dates).',
  SCHEMA_MINIMUM: 'A number below its minimum.',
  SCHEMA_MAXIMUM: 'A number above its maximum.',
  SCHEMA_MIN_ITEMS: 'A list with too few items.',
  SCHEMA_MAX_ITEMS: 'A list with too many items.',
  SCHEMA_MIN_LENGTH: 'A string that is too short.',
  SCHEMA_MAX_LENGTH: 'A string that is too long.',
  SCHEMA_UNIQUE_ITEMS: 'A list that repeats an item.',
  SCHEMA_MIN_PROPERTIES: 'An object with too few properties.',
  SCHEMA_PROPERTY_NAMES: 'An object key of the wrong form.',
  SCHEMA_ONE_OF: 'A rule condition that is none of all/any/not/leaf.',
  SCHEMA_VIOLATION: 'Any other JSON Schema keyword failed.',
  // Identity and references
  DUPLICATE_DEFINITION: 'The same ID@VERSION is defined twice.',
  DEFINITION_ID_KIND_CONFLICT: 'One id is used for two kinds.',
  DEFINITION_PATH_MISMATCH: 'The file path <Kind>/<ID>/v<N>.json disagrees with the content (warning).',
  REFERENCE_NOT_FOUND: 'A reference names an ID@VERSION that does not exist.',
  REFERENCE_TARGET_INVALID: 'A reference names a definition that exists but fails its schema (warning; the error is on that file).',
  REFERENCE_KIND_MISMATCH: 'A reference resolves to a definition of the wrong kind.',
  REFERENCE_CYCLE: 'References form a cycle.',
  // Task types
  DUPLICATE_DECISION_OPTION: 'Two decision options share a code.',
  DECISION_SCHEMA_INVALID: 'The decision schema is not a valid JSON Schema draft 2020-12.',
  EVIDENCE_SCHEMA_INVALID: 'The evidence schema is not a valid JSON Schema draft 2020-12.',
  DECISION_SCHEMA_OPTIONS_MISMATCH: "The decision form's `decision` enum differs from the decision options.",
  UI_SCHEMA_UNKNOWN_FIELD: 'The uiSchema names a field the decision schema lacks.',
  EVIDENCE_PATH_UNKNOWN: 'An evidence path (authority measure, required evidence) is not in the evidence schema.',
  AUTHORITY_MEASURE_NOT_NUMBER: "The authority measure's evidence path is not a number.",
  AUTHORITY_POLICY_MISSING: 'A decision requires authority but no authority policy is named.',
  REASON_CODE_MISSING_FOR_DECISION: 'A decision requires a reason but its reason-code set has no code for it.',
  DECISION_FORBIDDEN_BY_ACTION_POLICY: 'A decision option is a forbidden action of the action policy.',
  FOLLOW_UP_UNKNOWN_DECISION: 'A follow-up names a decision the task type does not offer.',
  // Reason codes
  DUPLICATE_CODE: 'A reason code appears twice in one set.',
  REASON_CODE_UNKNOWN_DECISION: 'A reason code applies to a decision or action that no task type using the set offers.',
  // SLA and calendars
  DUPLICATE_RULE_NAME: 'Two rules of one SLA policy share a name.',
  SLA_WARNING_NOT_BEFORE_DUE: 'The warning comes no earlier than the due time.',
  SLA_ZERO_DUE: 'The due time is zero.',
  DUPLICATE_HOLIDAY: 'A holiday date appears twice.',
  CALENDAR_UNKNOWN_TIME_ZONE: 'The time zone is not an IANA zone.',
  CALENDAR_EMPTY_WORKING_HOURS: 'Working hours end before they start.',
  CALENDAR_OVERLAPPING_HOURS: 'Two working-hour spans overlap on one day.',
  // Priority, visibility, actions, authority
  DUPLICATE_PRIORITY_REASON: 'Two priority rules share a name (and so a reason).',
  PRIORITY_UNKNOWN_TASK_TYPE: 'A base weight names a task type not in the set (warning).',
  DUPLICATE_VISIBILITY_PATH: 'A protected field is listed twice.',
  VISIBILITY_PATH_NOT_IN_EVIDENCE: "A protected field is not in a using task type's evidence schema.",
  DUPLICATE_ACTION: 'An action code is listed twice.',
  ACTION_BOTH_SAFE_AND_FORBIDDEN: 'An action is both safe and forbidden.',
  FORBIDDEN_ACTION_UNKNOWN_ALTERNATIVE: "A forbidden action's `instead` is not a safe action.",
  DANGEROUS_ACTION_UNGUARDED: 'A dangerous action lacks an elevated role, reason, second approval or acknowledgement.',
  DUPLICATE_GRANT: 'Two authority grants share a name.',
  // Rules
  RULE_UNKNOWN_FACT: 'A condition reads a fact outside the catalogue.',
  RULE_UNKNOWN_FACT_PATH: 'A condition reads an undeclared path of a fact.',
  RULE_UNKNOWN_OPERATOR: 'A condition uses an unknown operator.',
  RULE_OPERATOR_TYPE_MISMATCH: "The operator does not apply to the fact's type.",
  RULE_VALUE_TYPE_MISMATCH: "The value's type does not fit the fact and operator.",
} as const;

/** A finding code. */
export type FindingCode = keyof typeof FINDING_CODES;
