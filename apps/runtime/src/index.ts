/**
 * Starts the runtime. Without DATABASE_URL it runs on embedded PGlite. With JWT settings
 * (MANDATE_AUTH_MODE=jwt or MANDATE_JWT_ISSUER, see docs/identity.md) it trusts the configured
 * OIDC issuer and may serve a network; without them it runs with the development identity, on
 * loopback only, and says so loudly.
 */
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { asSystem, createDatabase, createStores, databaseOptionsFromEnv } from '@mandate/store';
import { Camunda7Port } from '@mandate/workflow';
import { AuditCheckpointer, DEFAULT_CHECKPOINT_INTERVAL_MS } from './audit/AuditCheckpointer.js';
import { auditKeysFromEnv } from './audit/auditKeysConfig.js';
import { AuditSealer } from './audit/AuditSealer.js';
import { IdempotencyKeyPurger } from './housekeeping/IdempotencyKeyPurger.js';
import { createRuntime } from './createServer.js';
import { createDevIdentity, DEV_USERS } from './identity/devIdentity.js';
import { rateLimitSettingsFromEnv } from './http/rateLimits.js';
import { identityConfigFromEnv } from './identity/identityConfig.js';
import { createJwtIdentity } from './identity/jwtIdentity.js';
import { DefinitionRegistry } from './DefinitionRegistry.js';
import { importDefinitions } from './governance/importDefinitions.js';
import { demoQuoteProcessVariables, seedDemo } from './seedDemo.js';
import { loadProcesses } from './workflow/loadProcesses.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';

const identityConfig = identityConfigFromEnv(process.env);
if (!identityConfig.ok) {
  console.error(`mandate: refusing to start, the identity configuration is invalid (see docs/identity.md):\n${identityConfig.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
const auth = identityConfig.config;
if (auth.mode === 'dev' && (process.env.NODE_ENV === 'production' || !loopback)) {
  // The dev identity hands out tokens for demo users to anyone who asks; it must never serve a network.
  console.error('mandate: refusing to start the development identity in production or on a non-loopback address; configure MANDATE_AUTH_MODE=jwt (docs/identity.md)');
  process.exit(1);
}

// The key that signs audit checkpoints; a development runtime keeps a generated one next to its PGlite data.
const auditKeys = auditKeysFromEnv(process.env, auth.mode === 'dev' ? { devKeyFile: join(dirname(process.env.MANDATE_DATA_DIR ?? '.data/pglite'), 'audit-signing-key.pem') } : {});
if (!auditKeys.ok) {
  console.error(`mandate: refusing to start, the audit signing key is not configured (see docs/runtime.md, "Audit"):\n${auditKeys.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
const checkpointIntervalMs = Number(process.env.MANDATE_AUDIT_CHECKPOINT_INTERVAL_MS ?? DEFAULT_CHECKPOINT_INTERVAL_MS);
if (!Number.isInteger(checkpointIntervalMs) || checkpointIntervalMs < 1000) {
  console.error('mandate: refusing to start, MANDATE_AUDIT_CHECKPOINT_INTERVAL_MS must be a whole number of milliseconds, at least 1000');
  process.exit(1);
}

const metricsToken = process.env.MANDATE_METRICS_TOKEN?.trim() || undefined;
if (metricsToken !== undefined && metricsToken.length < 16) {
  console.error('mandate: refusing to start, MANDATE_METRICS_TOKEN must be at least 16 characters (docs/runtime.md)');
  process.exit(1);
}

const rateLimits = rateLimitSettingsFromEnv(process.env);
if (!rateLimits.ok) {
  console.error(`mandate: refusing to start, the rate limit settings are invalid (see docs/runtime.md):\n${rateLimits.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
logger.info({ keyId: auditKeys.keys.keyId, source: auditKeys.source }, 'audit checkpoints are signed with this key');
// Outside a request or a background pass, a statement sees no tenant's rows (docs/security.md, "Tenancy in the database").
const db = createDatabase(databaseOptionsFromEnv(), auditKeys.keys, 'nobody');
await db.migrate();
// Every store of the database, built once: the services and background passes below share them.
const stores = createStores(db);
// The shipped definitions into the store (missing versions only); a changed published file is a conflict, never an overwrite.
const definitionImport = await asSystem(() => importDefinitions(stores, process.env.MANDATE_DEFINITIONS_DIR ?? join(process.cwd(), 'definitions')));
for (const c of definitionImport.conflicts) logger.warn({ conflict: c }, `definition import conflict: ${c.file} differs from the stored ${c.kind} ${c.id}@${c.version} (${c.storedStatus}); the stored version is kept`);
if (definitionImport.inserted.length) logger.info({ inserted: definitionImport.inserted }, `imported ${definitionImport.inserted.length} definition versions`);
const registry = await asSystem(() => DefinitionRegistry.fromSource(stores.definitions));
// Demo work items are created by a dev-issuer user; a real deployment gets none.
const seeded = auth.mode === 'dev' ? await asSystem(() => seedDemo(stores, registry)) : 0;
const { processes, bindings } = await loadProcesses(process.env.MANDATE_BPMN_DIR ?? join(process.cwd(), 'bpmn'));
// Camunda 7 alongside the embedded engine, when configured: its user tasks of the bound processes become work items too.
const camundaUrl = process.env.MANDATE_CAMUNDA_URL;
const camunda = camundaUrl
  ? { port: new Camunda7Port({ baseUrl: camundaUrl }), processKeys: (process.env.MANDATE_CAMUNDA_PROCESS_KEYS ?? processes.map((p) => p.key).join(',')).split(',').filter(Boolean), tenantId: process.env.MANDATE_CAMUNDA_TENANT ?? 'ACME_EU' }
  : undefined;
const { app, workflow } = createRuntime({ db, stores, registry, definitionImport, identity: auth.mode === 'jwt' ? createJwtIdentity(auth) : createDevIdentity(), logger, rateLimits: rateLimits.settings, ...(metricsToken ? { metricsToken } : {}), studioDir: process.env.MANDATE_STUDIO_DIR ?? join(process.cwd(), 'apps/studio/dist'), workflow: { processes, bindings, ...(camunda ? { camunda } : {}) } });
await workflow!.start();
const sealer = new AuditSealer(stores.audit, logger);
sealer.start();
const checkpointer = new AuditCheckpointer(stores.audit, logger);
checkpointer.start(checkpointIntervalMs);
const keyPurger = new IdempotencyKeyPurger(stores.idempotency, undefined, logger);
keyPurger.start();
if (seeded) {
  // One demo quote comes through the workflow: its approval item carries the process's caller reference.
  await asSystem(() => workflow!.embedded.startInstance({ processKey: 'quote-approval', tenantId: 'ACME_EU', businessKey: 'Q-2026-000944', variables: demoQuoteProcessVariables }));
}
const shutdown = async () => {
  await Promise.all([workflow!.stop(), sealer.stop(), keyPurger.stop()]);
  // A last signed head, so what was sealed before the stop is covered.
  await checkpointer.runOnce();
  await checkpointer.stop();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

app.listen(port, host, () => {
  console.log(`workflows: ${processes.map((p) => p.key).join(', ')} on the embedded engine${camunda ? `; Camunda 7 at ${camundaUrl} for ${camunda.processKeys.join(', ')}` : ''} (outbox relay, reconciliation, SLA scheduler, audit sealer, audit checkpoints and idempotency key purge running)`);
  console.log(`studio: http://${host}:${port}/studio/`);
  if (auth.mode === 'jwt') {
    console.log(`mandate runtime on http://${host}:${port} (${db.kind}, ${registry.definitions.length} definitions)`);
    if (!metricsToken) console.warn('metrics: GET /metrics is open (it counts every tenant\'s open items); set MANDATE_METRICS_TOKEN, or let only the scraper reach this address');
    console.log(`identity: JWT from ${auth.issuer} for audience ${auth.audience.join(', ')}, keys from ${auth.jwksUrl?.href ?? 'the issuer\'s openid-configuration'}, algorithms ${auth.algorithms.join(', ')}`);
    return;
  }
  console.warn('!!! DEVELOPMENT IDENTITY: tokens are signed with a per-process key for demo users. Never expose this server. !!!');
  console.log(`mandate runtime on http://${host}:${port} (${db.kind}, ${registry.definitions.length} definitions${definitionImport.conflicts.length ? `, ${definitionImport.conflicts.length} IMPORT CONFLICTS (GET /definitions/import-conflicts)` : ''}${seeded ? `, ${seeded} demo work items seeded` : ''})`);
  console.log(`demo users: ${Object.entries(DEV_USERS).map(([id, u]) => `${id} (${u.name.replace(/^\w+ \(|\)$/g, '')})`).join(', ')}`);
  console.log(`get a token: curl -s -X POST http://${host}:${port}/auth/dev/token -H 'Content-Type: application/json' -d '{"userId":"dana"}'`);
});
