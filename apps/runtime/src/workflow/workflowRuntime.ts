/**
 * The workflow side of a runtime process: the embedded engine (and Camunda 7 when configured)
 * behind the one port, the bridge that turns user tasks into work items, the outbox relay that
 * carries decisions back, reconciliation, and the SLA scheduler. Every loop is safe to run in
 * several runtime instances at once (leases, SKIP LOCKED, unique keys).
 */
import { asSystem, type Stores } from '@mandate/store';
import { EmbeddedWorkflowEngine, OutboxRelay, commandRouter, type BindingCatalog, type Camunda7Port, type EmbeddedProcess, type TimerScheduler, type WorkflowPort } from '@mandate/workflow';
import type { Logger } from 'pino';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import type { Metrics } from '../http/metrics.js';
import { SlaScheduler } from '../sla/SlaScheduler.js';
import type { WorkItemCommands } from '../workItems/WorkItemCommands.js';
import { CamundaTaskPoller } from './CamundaTaskPoller.js';
import { withinCamundaTenant } from './camundaTenant.js';
import { completeAfterSettlement, reconcileDecisions } from './completion.js';
import { handleIncidentDecision, openIncident } from './incidents.js';
import { WorkflowBridge } from './WorkflowBridge.js';

export interface WorkflowRuntimeOptions {
  stores: Stores;
  registry: DefinitionRegistry;
  /** Creates the work items of user tasks and incidents. */
  commands: WorkItemCommands;
  processes: readonly EmbeddedProcess[];
  bindings: BindingCatalog;
  clock: () => Date;
  metrics?: Metrics;
  logger?: Logger;
  /** BPMN timers of the embedded engine; the host's timers by default. */
  timers?: TimerScheduler;
  /** Camunda 7 alongside the embedded engine: its port, the process keys to poll, the tenant its tasks belong to. */
  camunda?: { port: Camunda7Port; processKeys: string[]; tenantId: string };
  /** The outbox relay's settings; `leaseMs` is how long a relay that died keeps its commands from the others (default 30 s). */
  relay?: { owner?: string; batchSize?: number; concurrency?: number; leaseMs?: number; retry?: { maxAttempts: number; backoffMs: (attempt: number) => number } };
}

export function createWorkflowRuntime(options: WorkflowRuntimeOptions) {
  const { stores, registry, commands, clock, logger } = options;
  const now = () => clock().toISOString();
  const bridge = new WorkflowBridge(stores, commands, options.bindings, clock, logger);
  const embedded = new EmbeddedWorkflowEngine({
    stores,
    processes: options.processes,
    clock,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(logger ? { logger } : {}),
    onUserTask: async (activation) => {
      try {
        await bridge.onUserTask(activation);
      } catch (error) {
        // Seed 001: an unknown template or a failing mapping leaves the process waiting, loudly.
        logger?.error({ err: error, callerRef: activation.callerRef }, 'user task without a work item; the process keeps waiting');
      }
    },
    onUserTaskEnded: (callerRef, reason, tenantId) => bridge.onUserTaskEnded(callerRef, reason, tenantId),
  });
  const ports: WorkflowPort[] = [embedded, ...(options.camunda ? [options.camunda.port] : [])];
  const route = commandRouter(stores, (ref, decision) => bridge.outputVariables(ref, decision));
  const relay = new OutboxRelay({
    stores,
    ports,
    clock,
    ...options.relay,
    ...(logger ? { logger } : {}),
    route: async (command) => (await handleIncidentDecision(stores, command, now())) ?? withinCamundaTenant(await route(command), options.camunda?.tenantId),
    onAttention: (attention) => openIncident(stores, commands, attention),
    onSettled: (command, settlement) => completeAfterSettlement(stores, command, settlement, now()),
  });
  const scheduler = new SlaScheduler(stores, registry, clock, options.metrics);
  const poller = options.camunda ? new CamundaTaskPoller(options.camunda.port, bridge, options.camunda.processKeys, options.camunda.tenantId, logger) : undefined;
  let reconciling: NodeJS.Timeout | undefined;

  return {
    bridge,
    embedded,
    relay,
    scheduler,
    poller,
    /** One reconciliation pass (also run every minute by `start`). */
    reconcile: () => asSystem(() => reconcileDecisions(stores, registry, clock())),
    /** Starts the loops; they work across tenants, so they and everything they schedule run in the system scope. */
    start(intervals: { relayMs?: number; slaMs?: number; reconcileMs?: number; pollMs?: number } = {}) {
      return asSystem(async () => {
        await embedded.resumeAll();
        relay.start(intervals.relayMs);
        scheduler.start(intervals.slaMs);
        poller?.start(intervals.pollMs);
        const reconcile = () => void reconcileDecisions(stores, registry, clock()).catch((error: unknown) => logger?.error({ err: error }, 'reconciliation failed'));
        reconciling = setInterval(reconcile, intervals.reconcileMs ?? 60_000);
      });
    },
    async stop() {
      clearInterval(reconciling);
      await Promise.all([relay.stop(), scheduler.stop(), poller?.stop()]);
      await embedded.stop();
    },
  };
}

export type WorkflowRuntime = ReturnType<typeof createWorkflowRuntime>;
