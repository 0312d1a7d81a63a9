/**
 * The definitions one side of a simulation evaluates: the item's pinned set with the simulated
 * version (or its published counterpart) in the place of the definition of the same id. A task
 * type brings the versions it references; an SLA policy brings its calendar.
 */
import { refOf, type Definition } from '@mandate/definitions';
import { MissingDefinitionError, pinDefinitions, type PinnedDefinitions } from '@mandate/policy';

/** Which slot of a pinned set each kind fills. */
const SLOT = {
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

/** The pinned set a stored item names (`pinnedDefinitions`), resolved in `byRef`. */
export function pinnedOfRefs(refs: readonly string[], byRef: ReadonlyMap<string, Definition>): PinnedDefinitions {
  const slots: Partial<Record<keyof PinnedDefinitions, Definition>> = {};
  for (const ref of refs) {
    const definition = byRef.get(ref);
    if (!definition) throw new MissingDefinitionError(`${ref} is not in the definition set`);
    slots[SLOT[definition.kind]] = definition;
  }
  for (const slot of REQUIRED_SLOTS) if (!slots[slot]) throw new MissingDefinitionError(`the pinned set ${refs.join(', ')} names no ${slot}`);
  return slots as PinnedDefinitions;
}

/** Whether the set references a definition of this kind and id (so substituting it changes something). */
export function references(pinned: PinnedDefinitions, kind: Definition['kind'], id: string): boolean {
  return pinned[SLOT[kind]]?.id === id;
}

/**
 * `base` with `definition` in its slot (the caller checked `references`). A task type is pinned
 * anew with the versions it references; an SLA policy with the calendar it names.
 */
export function substitute(base: PinnedDefinitions, definition: Definition, byRef: ReadonlyMap<string, Definition>): PinnedDefinitions {
  if (definition.kind === 'TaskType') return pinDefinitions(refOf(definition), [...byRef.values()]);
  const pinned: PinnedDefinitions = { ...base, [SLOT[definition.kind]]: definition };
  if (definition.kind === 'SlaPolicy') {
    const calendar = byRef.get(definition.calendar);
    if (calendar?.kind !== 'BusinessCalendar') throw new MissingDefinitionError(`BusinessCalendar ${definition.calendar} is not in the definition set`);
    pinned.calendar = calendar;
  }
  return pinned;
}

/** `ID@VERSION` of every definition of a pinned set, in slot order. */
export function refsOfPinned(pinned: PinnedDefinitions): string[] {
  return [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority].filter((d): d is NonNullable<typeof d> => d !== undefined).map(refOf);
}
