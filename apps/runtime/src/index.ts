/**
 * Starts the runtime. Without DATABASE_URL it runs on embedded PGlite; without JWT settings it
 * runs with the development identity, on loopback only, and says so loudly.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { createDatabase, databaseOptionsFromEnv } from '@mandate/store';
import { createServer } from './createServer.js';
import { createDevIdentity, DEV_USERS } from './identity/devIdentity.js';
import { loadDefinitions } from './loadDefinitions.js';
import { seedDemo } from './seedDemo.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';

if (process.env.NODE_ENV === 'production' || !loopback) {
  // Production identity (OIDC/JWKS) is not wired yet; the dev identity must never serve a network.
  console.error('mandate: refusing to start the development identity in production or on a non-loopback address');
  process.exit(1);
}

const registry = loadDefinitions(process.env.MANDATE_DEFINITIONS_DIR ?? join(process.cwd(), 'definitions'));
const db = createDatabase(databaseOptionsFromEnv());
await db.migrate();
const seeded = await seedDemo(db, registry);
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const app = createServer({ db, registry, identity: createDevIdentity(), logger });

app.listen(port, host, () => {
  console.warn('!!! DEVELOPMENT IDENTITY: tokens are signed with a per-process key for demo users. Never expose this server. !!!');
  console.log(`mandate runtime on http://${host}:${port} (${db.kind}, ${registry.definitions.length} definitions${seeded ? `, ${seeded} demo work items seeded` : ''})`);
  console.log(`demo users: ${Object.entries(DEV_USERS).map(([id, u]) => `${id} (${u.name.replace(/^\w+ \(|\)$/g, '')})`).join(', ')}`);
  console.log(`get a token: curl -s -X POST http://${host}:${port}/auth/dev/token -H 'Content-Type: application/json' -d '{"userId":"dana"}'`);
});
