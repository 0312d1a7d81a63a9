import type { DefinitionKind } from '../schemas/index.js';
import type { Definition } from '../generated/types.js';

/** One reference from a definition to another, and where it sits. */
export interface DefinitionReference {
  pointer: string;
  /** `ID@VERSION` as written. */
  ref: string;
  expectedKind: DefinitionKind;
}

/** Every reference a definition makes, with the kind it must resolve to. */
export function referencesOf(def: Definition): DefinitionReference[] {
  switch (def.kind) {
    case 'TaskType': {
      const refs: DefinitionReference[] = [
        { pointer: '/reasonCodeSet', ref: def.reasonCodeSet, expectedKind: 'ReasonCodeSet' },
        { pointer: '/slaPolicy', ref: def.slaPolicy, expectedKind: 'SlaPolicy' },
        { pointer: '/priorityModel', ref: def.priorityModel, expectedKind: 'PriorityModel' },
        { pointer: '/visibilityPolicy', ref: def.visibilityPolicy, expectedKind: 'VisibilityPolicy' },
        { pointer: '/actionPolicy', ref: def.actionPolicy, expectedKind: 'ActionPolicy' },
      ];
      if (def.authorityPolicy) {
        refs.push({ pointer: '/authorityPolicy', ref: def.authorityPolicy, expectedKind: 'AuthorityPolicy' });
      }
      (def.followUps ?? []).forEach((f, i) =>
        refs.push({ pointer: `/followUps/${i}/taskType`, ref: f.taskType, expectedKind: 'TaskType' }),
      );
      return refs;
    }
    case 'SlaPolicy':
      return [{ pointer: '/calendar', ref: def.calendar, expectedKind: 'BusinessCalendar' }];
    default:
      return [];
  }
}

/** `ID@VERSION` of a definition. */
export function refOf(def: { id: string; version: number }): string {
  return `${def.id}@${def.version}`;
}
