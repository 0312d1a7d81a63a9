// Test support for browser tests: the real runtime, as `npm start` builds it in dev mode (shipped
// definitions imported, demo work items seeded, the dev identity, the real clock), serving a studio
// build, listening on 127.0.0.1 at a free port. PGlite in memory, or PostgreSQL when DATABASE_URL
// is set (an isolated schema, dropped on close). As in `index.ts`, a statement outside a request or
// a background pass sees no tenant's rows.
import type { AddressInfo } from 'node:net';
import { asSystem, createIsolatedDatabase, createMemoryDatabase, createStores } from '@mandate/store';
import { AuditSealer } from '../src/audit/AuditSealer.js';
import { createRuntime } from '../src/createServer.js';
import { DefinitionRegistry } from '../src/DefinitionRegistry.js';
import { importDefinitions } from '../src/governance/importDefinitions.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';
import { seedDemo } from '../src/seedDemo.js';
import { definitionsDir } from './testApp.js';

/** A running demo runtime. */
export interface DemoRuntime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  database: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

/** Starts the runtime with the demo data, serving the studio build in `studioDir`. */
export async function startDemoRuntime(options: { studioDir: string; databaseUrl?: string }): Promise<DemoRuntime> {
  const db = options.databaseUrl ? await createIsolatedDatabase(options.databaseUrl, 'nobody') : await createMemoryDatabase('nobody');
  const stores = createStores(db);
  const definitionImport = await asSystem(() => importDefinitions(stores, definitionsDir));
  const registry = await asSystem(() => DefinitionRegistry.fromSource(stores.definitions));
  await asSystem(() => seedDemo(stores, registry));
  const { app } = createRuntime({ db, stores, registry, definitionImport, identity: createDevIdentity(), studioDir: options.studioDir });
  const sealer = new AuditSealer(stores.audit);
  sealer.start();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database: db.kind,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sealer.stop();
      await db.close();
    },
  };
}
