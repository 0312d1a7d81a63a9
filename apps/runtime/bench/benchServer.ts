// The runtime under benchmark, in a process of its own (so autocannon does not share its event
// loop): the real createServer on an already-migrated PostgreSQL schema, the shipped definitions,
// the dev identity, pino silent, and the audit sealer as the runtime runs it (sealing is part of
// what a decision costs). The workflow relay is measured by its own bench (packages/workflow).
// Tells the parent its port over IPC and runs until killed.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, createStores } from '@mandate/store';
import { AuditSealer } from '../src/audit/AuditSealer.js';
import { createServer } from '../src/createServer.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';
import { loadDefinitions } from '../src/loadDefinitions.js';

const databaseUrl = process.env.DATABASE_URL;
const schema = process.env.BENCH_SCHEMA;
if (!databaseUrl || !schema || !process.send) throw new Error('benchServer runs as a child of runtimeBench (DATABASE_URL, BENCH_SCHEMA, IPC)');

const db = createDatabase({ databaseUrl, schema });
const registry = loadDefinitions(join(dirname(fileURLToPath(import.meta.url)), '../../../definitions'));
const stores = createStores(db);
const server = createHttpServer(createServer({ db, stores, registry, identity: createDevIdentity() }));
server.keepAliveTimeout = 60_000;
const sealer = new AuditSealer(stores.audit);
sealer.start();

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => void sealer.stop().then(() => db.close()).finally(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
