import {
  refOf,
  type ActionPolicy,
  type AuthorityPolicy,
  type BusinessCalendar,
  type Definition,
  type PriorityModel,
  type ReasonCodeSet,
  type SlaPolicy,
  type TaskType,
  type VisibilityPolicy,
} from '@mandate/definitions';
import { NotFoundError } from '@mandate/problems';

/** A task type version and the exact policy versions it references. */
export interface PinnedDefinitions {
  taskType: TaskType;
  reasonCodes: ReasonCodeSet;
  sla: SlaPolicy;
  calendar: BusinessCalendar;
  priority: PriorityModel;
  visibility: VisibilityPolicy;
  actions: ActionPolicy;
  authority?: AuthorityPolicy;
}

/** A pinned reference does not resolve in the given set. */
export class MissingDefinitionError extends NotFoundError {
  override name = 'MissingDefinitionError';
  declare readonly code: 'DEFINITION_NOT_FOUND';

  constructor(message: string) {
    super('DEFINITION_NOT_FOUND', message);
  }
}

/** Resolves the definitions a task type version pins, from a set (e.g. the validated shipped set). */
export function pinDefinitions(taskTypeRef: string, definitions: readonly Definition[]): PinnedDefinitions {
  const byRef = new Map(definitions.map((d) => [refOf(d), d]));
  const get = <K extends Definition['kind']>(ref: string, kind: K): Extract<Definition, { kind: K }> => {
    const found = byRef.get(ref);
    if (!found || found.kind !== kind) throw new MissingDefinitionError(`${kind} ${ref} is not in the definition set`);
    return found as Extract<Definition, { kind: K }>;
  };
  const taskType = get(taskTypeRef, 'TaskType');
  const sla = get(taskType.slaPolicy, 'SlaPolicy');
  const pinned: PinnedDefinitions = {
    taskType,
    reasonCodes: get(taskType.reasonCodeSet, 'ReasonCodeSet'),
    sla,
    calendar: get(sla.calendar, 'BusinessCalendar'),
    priority: get(taskType.priorityModel, 'PriorityModel'),
    visibility: get(taskType.visibilityPolicy, 'VisibilityPolicy'),
    actions: get(taskType.actionPolicy, 'ActionPolicy'),
  };
  if (taskType.authorityPolicy) pinned.authority = get(taskType.authorityPolicy, 'AuthorityPolicy');
  return pinned;
}
