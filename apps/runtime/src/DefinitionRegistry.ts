import { refOf, type Definition, type TaskType } from '@mandate/definitions';
import { pinDefinitions, policyFor, type CompiledPolicy } from '@mandate/policy';

/** The validated definitions the runtime serves, with the latest published version of each task type. */
export class DefinitionRegistry {
  private readonly latest = new Map<string, TaskType>();
  private readonly policies = new Map<string, CompiledPolicy>();

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

  /** A published task type: the given version (a binding that pins one), else the latest. */
  publishedTaskType(id: string, version?: number): TaskType | undefined {
    if (version === undefined) return this.latest.get(id);
    return this.definitions.find((d): d is TaskType => d.kind === 'TaskType' && d.status === 'published' && d.id === id && d.version === version);
  }

  /**
   * The compiled policy of a pinned task type version (compiled once, cached by content). The
   * registry's definitions never change, so the pinning is looked up once per reference too:
   * a worklist page asks for it once per item.
   */
  policy(taskTypeRef: string): CompiledPolicy {
    let policy = this.policies.get(taskTypeRef);
    if (!policy) {
      policy = policyFor(pinDefinitions(taskTypeRef, this.definitions));
      this.policies.set(taskTypeRef, policy);
    }
    return policy;
  }

  /** `ID@VERSION` of every definition a task type version pins. */
  pinnedRefs(taskTypeRef: string): string[] {
    const pinned = pinDefinitions(taskTypeRef, this.definitions);
    return [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority]
      .filter((d): d is NonNullable<typeof d> => d !== undefined)
      .map(refOf);
  }
}
