// The workflow bench's relay and engine, shared by the bench and its relay worker processes: the
// bench process, the embedded engine with the bench's BPMN, and an outbox relay whose port reports
// when the engine has committed each continuation.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createStores, type Database, type WorkflowCommand } from '@mandate/store';
import { EmbeddedWorkflowEngine, type UserTaskActivation } from '../src/embedded/EmbeddedWorkflowEngine.js';
import { OutboxRelay, type OperatorAttention } from '../src/relay/OutboxRelay.js';
import { commandRouter } from '../src/relay/routeCommand.js';
import type { CompleteTaskCommand, CorrelateMessageCommand, PortOutcome, WorkflowPort } from '../src/WorkflowPort.js';

export const PROCESS_KEY = 'bench-approval';
/** The relay's defaults (batch 50, 8 sends at once; BENCH_BATCH_SIZE and BENCH_CONCURRENCY change them), polling every 10 ms after a pass that found less than a batch. */
export const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 50);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
export const INTERVAL_MS = 10;

const source = readFileSync(new URL('./fixtures/bench-approval.bpmn', import.meta.url), 'utf8');

/** Milliseconds since the epoch with sub-millisecond resolution: comparable between the bench and its worker processes. */
export const now = () => performance.timeOrigin + performance.now();

/** Where a run's trouble goes: a relay or engine error, or an operator's attention, fails the run. */
export interface Trouble {
  logger: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  onAttention: (attention: OperatorAttention) => Promise<void>;
}

/** Reports when `completeTask` resolves with done: the instance row with the continued process has committed. */
class TimedPort implements WorkflowPort {
  readonly engine: string;
  constructor(
    private readonly inner: WorkflowPort,
    private readonly onContinued: (commandId: string, at: number) => void,
  ) {
    this.engine = inner.engine;
  }
  async completeTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    const outcome = await this.inner.completeTask(command);
    if (outcome.kind === 'done') this.onContinued(command.commandId, now());
    return outcome;
  }
  correlateMessage(command: CorrelateMessageCommand): Promise<PortOutcome> {
    return this.inner.correlateMessage(command);
  }
}

/** The embedded engine with the bench's process. */
export function benchEngine(db: Database, trouble: Trouble, onUserTask: (activation: UserTaskActivation) => Promise<void>): EmbeddedWorkflowEngine {
  return new EmbeddedWorkflowEngine({ stores: createStores(db), processes: [{ key: PROCESS_KEY, source }], logger: trouble.logger, onUserTask });
}

/**
 * An outbox relay into `engine`, routed as the runtime routes (the work item's caller reference;
 * the decision as the process variable `decision`), reporting continuations and settlements.
 */
export function benchRelay(
  db: Database,
  engine: EmbeddedWorkflowEngine,
  owner: string,
  trouble: Trouble,
  report: { continued: (commandId: string, at: number) => void; settled: (command: WorkflowCommand, at: number) => void },
): OutboxRelay {
  const stores = createStores(db);
  return new OutboxRelay({
    stores,
    ports: [new TimedPort(engine, report.continued)],
    route: commandRouter(stores, (_ref, decision) => Promise.resolve({ decision: decision.decision, decidedBy: decision.decidedBy })),
    owner,
    batchSize: BATCH_SIZE,
    concurrency: CONCURRENCY,
    logger: trouble.logger,
    onAttention: trouble.onAttention,
    onSettled: (command) => Promise.resolve(report.settled(command, now())),
  });
}
