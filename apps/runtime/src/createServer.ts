/**
 * Builds the runtime app from its parts (database, definitions, identity, clock). `index.ts` only
 * listens; tests build the same app in-process.
 */
import express from 'express';
import { pino, type Logger } from 'pino';
import { asSystem, createStores, withTenant, type Database, type Stores } from '@mandate/store';
import type { DefinitionRegistry } from './DefinitionRegistry.js';
import { AuditCheckpointService } from './audit/AuditCheckpointService.js';
import { auditRoutes } from './audit/auditRoutes.js';
import { AuditTrailService } from './audit/AuditTrailService.js';
import { NotFoundError } from '@mandate/problems';
import { createMetrics } from './http/metrics.js';
import { operationsRoutes } from './http/operationsRoutes.js';
import { problemMiddleware } from './http/problemMiddleware.js';
import { requestIntake } from './http/requestIntake.js';
import { createRateLimiters, DEFAULT_RATE_LIMITS, rateLimitedAuthentication, type RateLimitSettings } from './http/rateLimits.js';
import { securityHeaders } from './http/securityHeaders.js';
import type { Identity } from './identity/Identity.js';
import { principalOf } from './identity/principalOf.js';
import { devTokenRoutes } from './identity/devTokenRoutes.js';
import { assertMayWrite } from './identity/readOnlyRoles.js';
import { withVerifiedTokenCache } from './identity/verifiedTokenCache.js';
import { BusinessEventService } from './workItems/BusinessEventService.js';
import { businessEventRoutes } from './workItems/businessEventRoutes.js';
import { RecoveryActionService } from './workItems/RecoveryActionService.js';
import { WorkItemCommands } from './workItems/WorkItemCommands.js';
import { WorkItemLoader } from './workItems/WorkItemLoader.js';
import { WorkItemQueries } from './workItems/WorkItemQueries.js';
import { workItemRoutes } from './workItems/workItemRoutes.js';
import { processRoutes } from './workflow/processRoutes.js';
import { DefinitionGovernanceService } from './governance/DefinitionGovernanceService.js';
import { DefinitionReferenceService } from './governance/DefinitionReferenceService.js';
import { definitionRoutes } from './governance/definitionRoutes.js';
import type { ImportReport } from './governance/importDefinitions.js';
import { WorkItemMigrationService } from './governance/WorkItemMigrationService.js';
import { ImpactReplayService } from './replay/ImpactReplayService.js';
import { impactRoutes } from './replay/impactRoutes.js';
import { DefinitionSetSource } from './simulation/DefinitionSet.js';
import { DefinitionSimulationService } from './simulation/DefinitionSimulationService.js';
import { simulationRoutes } from './simulation/simulationRoutes.js';
import { studioRoutes } from './studio/studioRoutes.js';
import { createWorkflowRuntime, type WorkflowRuntime, type WorkflowRuntimeOptions } from './workflow/workflowRuntime.js';

/** What the app is built from. */
export interface RuntimeDeps {
  db: Database;
  /** The database's stores (`createStores(db)`), when the caller built them already; built from `db` otherwise. */
  stores?: Stores;
  registry: DefinitionRegistry;
  identity: Identity;
  clock?: () => Date;
  /** Structured logs (pino); silent when absent, as in tests. */
  logger?: Logger;
  /** What importing the shipped definitions found at start (`importDefinitions`): its conflicts are served and counted in /healthz. */
  definitionImport?: ImportReport;
  /** The workflow round trip (BPMN processes, bindings, engines); absent: work items only. */
  workflow?: Omit<WorkflowRuntimeOptions, 'stores' | 'registry' | 'commands' | 'clock' | 'metrics' | 'logger'>;
  /** The studio's build directory (apps/studio/dist), served at `/` after the API; absent: API only. */
  studioDir?: string;
  /** The bearer token `/metrics` requires (`MANDATE_METRICS_TOKEN`); absent: `/metrics` is open. */
  metricsToken?: string;
  /** Rate limits per principal and per address (`MANDATE_RATE_LIMIT_*`); absent: the defaults. */
  rateLimits?: RateLimitSettings;
}

/** The HTTP app, and the workflow runtime whose loops the caller starts and stops. */
export function createRuntime(deps: RuntimeDeps): { app: express.Express; workflow?: WorkflowRuntime } {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? pino({ level: 'silent' });
  const rateLimits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  app.set('trust proxy', rateLimits.trustProxyHops);
  const stores = deps.stores ?? createStores(deps.db);
  const limiters = createRateLimiters(stores.rateLimits, rateLimits, logger);
  // The gauges count every tenant's open items: a read across tenants.
  const metrics = createMetrics({ openQueues: () => asSystem(() => stores.workItems.openQueues()), clock, onError: (err) => logger.warn({ err }, 'metrics: reading the open queues failed; the queue gauges are left out of this scrape') });
  // Real time, not the injected clock: token expiry is checked against real time too.
  const identity = withVerifiedTokenCache(deps.identity);
  const loader = new WorkItemLoader(stores, deps.registry, () => clock().toISOString());
  const queries = new WorkItemQueries(stores, loader);
  const commands = new WorkItemCommands(stores, deps.registry, clock, metrics, deps.identity.directory);
  const events = new BusinessEventService(stores, deps.registry, clock, metrics);
  const recovery = new RecoveryActionService(stores, deps.registry, clock);
  const auditTrail = new AuditTrailService(stores.audit, loader);
  const governance = new DefinitionGovernanceService(stores, deps.registry, clock, deps.definitionImport);
  const migrations = new WorkItemMigrationService(stores, deps.registry, clock);
  const auditCheckpoints = new AuditCheckpointService(stores.audit, clock);

  const workflow = deps.workflow ? createWorkflowRuntime({ ...deps.workflow, stores, registry: deps.registry, commands, clock, metrics, logger }) : undefined;
  app.use(requestIntake(logger));
  app.use(operationsRoutes(metrics, deps.metricsToken, {
    database: deps.db.kind,
    auth: deps.identity.mode,
    definitions: () => deps.registry.definitions.length,
    ...(deps.definitionImport ? { definitionImportConflicts: deps.definitionImport.conflicts.length } : {}),
  }));
  if (deps.identity.issueDevToken) app.use(devTokenRoutes(deps.identity.issueDevToken, limiters.address));

  const verify = rateLimitedAuthentication(async (req, res) => {
    const principal = await identity.verify(req.header('authorization'));
    // Every authenticated route passes here: the read-only rule cannot be forgotten by one of them.
    assertMayWrite(req.method, principal);
    res.locals.principal = principal;
  }, limiters);
  // The rest of the request, and what it starts, reads and writes the principal's tenant's rows only (row-level security).
  const authenticate: express.RequestHandler = (req, res, next) =>
    verify(req, res, (error?: unknown) => (error !== undefined ? next(error) : void withTenant(principalOf(res).tenant, () => next())));

  app.use('/work-items', authenticate, workItemRoutes(queries, commands, recovery, clock));
  app.use('/events', businessEventRoutes(events, authenticate));
  app.use('/audit', auditRoutes(auditTrail, auditCheckpoints, authenticate));
  // Governance needs a registry that reads the store (the runtime's); a fixed set (tests, benchmarks) has none.
  if (deps.registry.storeBacked) {
    const simulation = new DefinitionSimulationService(new DefinitionSetSource(stores.definitions), loader, clock, deps.identity.directory);
    app.use('/definitions', authenticate, impactRoutes(new ImpactReplayService(stores, clock)), simulationRoutes(simulation), definitionRoutes(governance, migrations, new DefinitionReferenceService(stores, clock)));
  }
  if (workflow) app.use('/processes', authenticate, processRoutes(workflow.embedded, deps.workflow!.processes.map((p) => p.key), (key) => deps.workflow!.bindings.startersOf(key)));

  if (deps.studioDir) app.use(studioRoutes(deps.studioDir));

  app.use((req) => {
    throw new NotFoundError('ROUTE_NOT_FOUND', `no route ${req.method} ${req.path}`);
  });
  app.use(problemMiddleware(logger));
  return { app, ...(workflow ? { workflow } : {}) };
}

/** The HTTP app alone (tests, and deployments without workflows). */
export function createServer(deps: RuntimeDeps): express.Express {
  return createRuntime(deps).app;
}
