// Test support: a whole runtime process that crashedDecisions.test.ts kills and restarts. It opens
// the database the test prepared (migrations and the shipped definitions, as a start does), runs
// the HTTP API with the dev identity on a free loopback port, the workflow loops (outbox relay,
// reconciliation) and the audit sealer, and reports `LISTENING <port>` on stdout. The database
// options come as JSON in `RUNTIME_CHILD_DATABASE`. The child exits when its stdin ends (the
// test process is gone), or is SIGKILLed by the test.
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asSystem, AuditKeys, createDatabase, createStores, type DatabaseOptions } from '@mandate/store';
import { pino } from 'pino';
import { AuditSealer } from '../src/audit/AuditSealer.js';
import { createRuntime } from '../src/createServer.js';
import { DefinitionRegistry } from '../src/DefinitionRegistry.js';
import { importDefinitions } from '../src/governance/importDefinitions.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';
import { loadProcesses } from '../src/workflow/loadProcesses.js';

/** This file, for `node --import tsx <runtimeChildPath>`. */
export const runtimeChildPath = fileURLToPath(import.meta.url);

/** The child's outbox lease: short, so a relay after a kill need not wait the default 30 s for the dead one's. */
export const CHILD_LEASE_MS = 1_000;

/** The audit keys every child of this test run writes and seals with, as one runtime across restarts does. */
export const runtimeChildAuditKeys = process.env.RUNTIME_CHILD_AUDIT_KEY ? AuditKeys.fromPem(process.env.RUNTIME_CHILD_AUDIT_KEY) : AuditKeys.generate();

/** The environment of a child on this database. */
export function runtimeChildEnv(database: DatabaseOptions): Record<string, string> {
  return { RUNTIME_CHILD_DATABASE: JSON.stringify(database), RUNTIME_CHILD_AUDIT_KEY: runtimeChildAuditKeys.privateKeyPem() };
}

async function main(): Promise<void> {
  const database = process.env.RUNTIME_CHILD_DATABASE;
  if (!database) throw new Error('runtime child: RUNTIME_CHILD_DATABASE is not set');
  const root = join(dirname(runtimeChildPath), '../../..');
  const db = createDatabase(JSON.parse(database) as DatabaseOptions, runtimeChildAuditKeys);
  await db.migrate();
  // As a start does: outside a request or a background pass, statements see no tenant's rows.
  const stores = createStores(db);
  const definitionImport = await asSystem(() => importDefinitions(stores, join(root, 'definitions')));
  const registry = await asSystem(() => DefinitionRegistry.fromSource(stores.definitions));
  const { processes, bindings } = await loadProcesses(join(root, 'bpmn'));
  // Errors only: the test reads stderr when something goes wrong.
  const logger = pino({ level: 'error' }, pino.destination(2));
  const { app, workflow } = createRuntime({ db, stores, registry, definitionImport, identity: createDevIdentity(), logger, workflow: { processes, bindings, relay: { leaseMs: CHILD_LEASE_MS } } });
  await workflow!.start({ relayMs: 50 });
  new AuditSealer(stores.audit, logger).start();
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`));
}

// Imported by the test for its helpers; runs only as the child's entry.
if (process.argv[1] === runtimeChildPath) {
  process.stdin.on('end', () => process.exit(3)).resume();
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
