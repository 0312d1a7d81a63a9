import { actionPolicySchema } from './actionPolicySchema.js';
import { authorityPolicySchema } from './authorityPolicySchema.js';
import { businessCalendarSchema } from './businessCalendarSchema.js';
import { priorityModelSchema } from './priorityModelSchema.js';
import { reasonCodeSetSchema } from './reasonCodeSetSchema.js';
import { slaPolicySchema } from './slaPolicySchema.js';
import { taskTypeSchema } from './taskTypeSchema.js';
import { visibilityPolicySchema } from './visibilityPolicySchema.js';

/** Every definition kind Mandate knows, with its JSON Schema. */
export const definitionSchemas = {
  TaskType: taskTypeSchema,
  ReasonCodeSet: reasonCodeSetSchema,
  SlaPolicy: slaPolicySchema,
  BusinessCalendar: businessCalendarSchema,
  PriorityModel: priorityModelSchema,
  VisibilityPolicy: visibilityPolicySchema,
  ActionPolicy: actionPolicySchema,
  AuthorityPolicy: authorityPolicySchema,
} as const;

/** The name of a definition kind. */
export type DefinitionKind = keyof typeof definitionSchemas;

/** All kinds, in a stable order for listings. */
export const DEFINITION_KINDS = Object.keys(definitionSchemas) as DefinitionKind[];

export { CODE_PATTERN, DEFINITION_STATUSES, WORK_ITEM_STATES, SCHEMA_BASE_URI } from './common.js';
export { TASK_CATEGORIES, OBSOLESCENCE_OUTCOMES } from './taskTypeSchema.js';
export { RISK_LEVELS } from './reasonCodeSetSchema.js';
export { WEEKDAYS } from './businessCalendarSchema.js';
export { FIELD_CLASSIFICATIONS } from './visibilityPolicySchema.js';
