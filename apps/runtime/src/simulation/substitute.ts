/**
 * The definitions one side of a simulation evaluates: the item's pinned set with the simulated
 * version (or its published counterpart) in the place of the definition of the same id. A task
 * type brings the versions it references; an SLA policy brings its calendar.
 */
import { refOf, type Definition } from '@mandate/definitions';
import { MissingDefinitionError, PINNED_SLOT, pinDefinitions, type PinnedDefinitions } from '@mandate/policy';


/** Whether the set references a definition of this kind and id (so substituting it changes something). */
export function references(pinned: PinnedDefinitions, kind: Definition['kind'], id: string): boolean {
  return pinned[PINNED_SLOT[kind]]?.id === id;
}

/**
 * `base` with `definition` in its slot (the caller checked `references`). A task type is pinned
 * anew with the versions it references; an SLA policy with the calendar it names.
 */
export function substitute(base: PinnedDefinitions, definition: Definition, byRef: ReadonlyMap<string, Definition>): PinnedDefinitions {
  if (definition.kind === 'TaskType') return pinDefinitions(refOf(definition), [...byRef.values()]);
  const pinned: PinnedDefinitions = { ...base, [PINNED_SLOT[definition.kind]]: definition };
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
