// One outbox relay with its own embedded engine in a process of its own, for the workflow bench's
// multi-process runs (PostgreSQL only: PGlite lives inside one process). Started by
// workflowBench.ts with BENCH_DATABASE_URL, BENCH_SCHEMA and BENCH_OWNER; answers `ready`, relays
// from `start` until `stop`, and reports each settled command with its timestamps.
import { asSystem, createDatabase } from '@mandate/store';
import { benchEngine, benchRelay, INTERVAL_MS, type Trouble } from './benchRelay.js';

/** What a worker tells the bench. */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'settled'; commands: { id: string; continuedAt?: number; settledAt: number }[] }
  | { kind: 'problem'; text: string }
  | { kind: 'stopped' };

const send = (message: WorkerMessage) => void process.send!(message);
const { BENCH_DATABASE_URL: databaseUrl, BENCH_SCHEMA: schema, BENCH_OWNER: owner } = process.env;
if (!databaseUrl || !schema || !owner) throw new Error('relayWorker needs BENCH_DATABASE_URL, BENCH_SCHEMA and BENCH_OWNER');

const db = createDatabase({ databaseUrl, schema });
const problem = (text: string) => send({ kind: 'problem', text: `${owner}: ${text}` });
const trouble: Trouble = {
  logger: { warn: (obj, msg) => problem(`${msg} ${JSON.stringify(obj)}`), error: (obj, msg) => problem(`${msg} ${JSON.stringify(obj)}`) },
  onAttention: (a) => Promise.resolve(problem(`${a.kind} ${a.command.id}: ${a.reason}`)),
};
const engine = benchEngine(db, trouble, (activation) => Promise.resolve(problem(`unexpected user task ${JSON.stringify(activation.callerRef)}`)));
const continued = new Map<string, number>();
let settled: { id: string; continuedAt?: number; settledAt: number }[] = [];
const relay = benchRelay(db, engine, owner, trouble, {
  continued: (id, at) => void continued.set(id, at),
  settled: (command, at) => {
    const continuedAt = continued.get(command.id);
    continued.delete(command.id);
    settled.push({ id: command.id, settledAt: at, ...(continuedAt !== undefined ? { continuedAt } : {}) });
  },
});
const flush = () => {
  if (settled.length) send({ kind: 'settled', commands: settled });
  settled = [];
};
const flushing = setInterval(flush, 20);

process.on('message', (message: { kind: 'start' | 'stop' }) => {
  // Relay passes work across tenants: the system scope, as the runtime's workflow loops run.
  if (message.kind === 'start') void asSystem(() => relay.start(INTERVAL_MS));
  if (message.kind === 'stop') {
    void (async () => {
      await relay.stop();
      await engine.stop();
      clearInterval(flushing);
      flush();
      await db.close();
      send({ kind: 'stopped' });
      process.disconnect();
    })();
  }
});
await db.knex.raw('select 1');
send({ kind: 'ready' });
