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

/** Which slot of a pinned set each definition kind fills. */
export const PINNED_SLOT = {
  TaskType: 'taskType',
  ReasonCodeSet: 'reasonCodes',
  SlaPolicy: 'sla',
  BusinessCalendar: 'calendar',
  PriorityModel: 'priority',
  VisibilityPolicy: 'visibility',
  ActionPolicy: 'actions',
  AuthorityPolicy: 'authority',
} as const satisfies Record<Definition['kind'], keyof PinnedDefinitions>;

const REQUIRED_SLOTS = ['taskType', 'reasonCodes', 'sla', 'calendar', 'priority', 'visibility', 'actions'] as const;

/**
 * The pinned set a stored item names (its `pinnedDefinitions` refs), resolved in `byRef`; a ref
 * missing from it, or a required slot no ref fills, is a {@link MissingDefinitionError}.
 *
 * @example
 * pinnedFromRefs(item.pinnedDefinitions, new Map(definitions.map((d) => [refOf(d), d])));
 */
export function pinnedFromRefs(refs: readonly string[], byRef: ReadonlyMap<string, Definition>): PinnedDefinitions {
  const slots: Partial<Record<keyof PinnedDefinitions, Definition>> = {};
  for (const ref of refs) {
    const definition = byRef.get(ref);
    if (!definition) throw new MissingDefinitionError(`${ref} is not in the definition set`);
    slots[PINNED_SLOT[definition.kind]] = definition;
  }
  for (const slot of REQUIRED_SLOTS) if (!slots[slot]) throw new MissingDefinitionError(`the pinned set ${refs.join(', ')} names no ${slot}`);
  return slots as PinnedDefinitions;
}
