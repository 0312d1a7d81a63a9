import { refOf, type Definition, type TaskType } from '@mandate/definitions';
import { pinDefinitions, policyFor, type CompiledPolicy } from '@mandate/policy';

/** The validated definitions the runtime serves, with the latest published version of each task type. */
export class DefinitionRegistry {
  private readonly latest = new Map<string, TaskType>();

  constructor(readonly definitions: readonly Definition[]) {
    for (const d of definitions) {
      if (d.kind !== 'TaskType' || d.status !== 'published') continue;
      const current = this.latest.get(d.id);
      if (!current || d.version > current.version) this.latest.set(d.id, d);
    }
  }

  /** The latest published version of a task type, or undefined. */
  latestTaskType(id: string): TaskType | undefined {
    return this.latest.get(id);
  }

  /** The compiled policy of a pinned task type version (compiled once, cached by content). */
  policy(taskTypeRef: string): CompiledPolicy {
    return policyFor(pinDefinitions(taskTypeRef, this.definitions));
  }

  /** `ID@VERSION` of every definition a task type version pins. */
  pinnedRefs(taskTypeRef: string): string[] {
    const pinned = pinDefinitions(taskTypeRef, this.definitions);
    return [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority]
      .filter((d): d is NonNullable<typeof d> => d !== undefined)
      .map(refOf);
  }
}
