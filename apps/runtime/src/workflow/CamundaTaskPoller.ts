/**
 * Camunda 7 user tasks become work items by polling: for each process key Mandate has bindings
 * for, the open tasks are listed and each one's activation is handed to the bridge, which creates
 * its item once (the caller key makes a repeated poll a no-op). Camunda owns the waiting point;
 * a task a person completed in Camunda's own tasklist would bypass the decision, so Mandate's
 * users never get one there.
 */
import { camunda7CallerRef, type Camunda7Port } from '@mandate/workflow';
import type { Logger } from 'pino';
import type { WorkflowBridge } from './WorkflowBridge.js';

export class CamundaTaskPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly port: Camunda7Port,
    private readonly bridge: WorkflowBridge,
    private readonly processKeys: readonly string[],
    private readonly tenantId: string,
    private readonly logger?: Logger,
  ) {}

  /** One poll: returns the work item ids of the tasks seen (new or already known). */
  async pollOnce(): Promise<string[]> {
    const seen: string[] = [];
    for (const processKey of this.processKeys) {
      for (const task of await this.port.listTasks({ processDefinitionKey: processKey, maxResults: 200 })) {
        const variables = await this.port.fetchTaskVariables(task.id);
        if (!variables) continue; // completed between the list and now
        try {
          seen.push((await this.bridge.onUserTask({ callerRef: camunda7CallerRef(task, processKey), tenantId: this.tenantId, variables })).id);
        } catch (error) {
          // An unbound task or a failing mapping leaves the process waiting; the next poll tries again.
          this.logger?.error({ err: error, taskId: task.id, processKey, activityId: task.taskDefinitionKey }, 'could not create the work item of a Camunda task');
        }
      }
    }
    return seen;
  }

  start(intervalMs = 5_000): void {
    const loop = async () => {
      await (this.running = this.pollOnce().catch((error: unknown) => this.logger?.error({ err: error }, 'Camunda poll failed')));
      if (this.timer !== undefined) this.timer = setTimeout(() => void loop(), intervalMs);
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
