// Test support: a runtime process that killedRelay.test.ts kills and restarts. It opens the
// database the test prepared, builds the runtime with Camunda 7 (the test's double) and runs the
// outbox relay, reporting on stdout one line per event:
// - `CLAIMED <commandId>` (mode `hang-before-send`): the relay leased the command and routed it, and
//   the port was about to call Camunda; the process then hangs there, for the test to kill it;
// - `SENDING <commandId>` (mode `relay`): the port calls Camunda now;
// - `SETTLED <status>` (mode `relay`): the awaited command left PENDING; the process exits 0.
// Configuration comes from the environment, see `childConfig`. The child exits when its stdin
// ends (the test process is gone).
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asSystem, AuditKeys, createDatabase, createStores, type DatabaseOptions } from '@mandate/store';
import { Camunda7Port, type Camunda7PortOptions, type CompleteTaskCommand, type PortOutcome } from '@mandate/workflow';
import { createRuntime } from '../src/createServer.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';
import { loadDefinitions } from '../src/loadDefinitions.js';
import { loadProcesses } from '../src/workflow/loadProcesses.js';

/** What the test hands a child, as environment variables (`RELAY_CHILD_*`). */
export interface RelayChildConfig {
  /** `RELAY_CHILD_DATABASE`: the database options as JSON (`{ dataDir }` or `{ databaseUrl, schema }`). */
  database: DatabaseOptions;
  /** `RELAY_CHILD_CAMUNDA_URL`: the double's REST root. */
  camundaUrl: string;
  /** `RELAY_CHILD_MODE`. */
  mode: 'hang-before-send' | 'relay';
  /** `RELAY_CHILD_COMMAND_ID`: the outbox command to wait for (mode `relay`). */
  commandId: string;
  /** `RELAY_CHILD_LEASE_MS`: the relay's lease. */
  leaseMs: number;
  /** `RELAY_CHILD_ENGINE_TIMEOUT_MS`: how long the port waits for Camunda's answer. */
  engineTimeoutMs: number;
}

/** The audit keys the test and every child write and seal with, as one runtime across restarts does. */
export const relayChildAuditKeys = process.env.RELAY_CHILD_AUDIT_KEY ? AuditKeys.fromPem(process.env.RELAY_CHILD_AUDIT_KEY) : AuditKeys.generate();

/** The environment of a child with this configuration. */
export function relayChildEnv(config: RelayChildConfig): Record<string, string> {
  return {
    RELAY_CHILD_AUDIT_KEY: relayChildAuditKeys.privateKeyPem(),
    RELAY_CHILD_DATABASE: JSON.stringify(config.database),
    RELAY_CHILD_CAMUNDA_URL: config.camundaUrl,
    RELAY_CHILD_MODE: config.mode,
    RELAY_CHILD_COMMAND_ID: config.commandId,
    RELAY_CHILD_LEASE_MS: String(config.leaseMs),
    RELAY_CHILD_ENGINE_TIMEOUT_MS: String(config.engineTimeoutMs),
  };
}

/** This file, for `node --import tsx <relayChildPath>`. */
export const relayChildPath = fileURLToPath(import.meta.url);

/** The Camunda tenant the test's process instances run in. */
export const CAMUNDA_TENANT = 'ACME_EU';

function childConfig(env: NodeJS.ProcessEnv): RelayChildConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`relay child: ${name} is not set`);
    return value;
  };
  const mode = required('RELAY_CHILD_MODE');
  if (mode !== 'hang-before-send' && mode !== 'relay') throw new Error(`relay child: unknown mode ${mode}`);
  return {
    database: JSON.parse(required('RELAY_CHILD_DATABASE')) as DatabaseOptions,
    camundaUrl: required('RELAY_CHILD_CAMUNDA_URL'),
    mode,
    commandId: required('RELAY_CHILD_COMMAND_ID'),
    leaseMs: Number(required('RELAY_CHILD_LEASE_MS')),
    engineTimeoutMs: Number(required('RELAY_CHILD_ENGINE_TIMEOUT_MS')),
  };
}

/** One line on stdout: a pipe is written synchronously on Linux, so the line is out before the next step. */
function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The real port, reporting each completion before it goes out, or hanging right there. */
class ReportingPort extends Camunda7Port {
  private readonly hang: boolean;

  constructor(options: Camunda7PortOptions, hang: boolean) {
    super(options);
    this.hang = hang;
  }

  override async completeTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    if (this.hang) {
      report(`CLAIMED ${command.commandId}`);
      // A pending promise alone does not keep the process alive; the interval does, until the kill.
      return new Promise<never>(() => setInterval(() => undefined, 60_000));
    }
    report(`SENDING ${command.commandId}`);
    return super.completeTask(command);
  }
}

async function main(): Promise<number> {
  const config = childConfig(process.env);
  const root = join(dirname(relayChildPath), '../../..');
  const db = createDatabase(config.database, relayChildAuditKeys);
  try {
    // As a restarted runtime does: migrations first (none is pending here).
    await db.migrate();
    const { processes, bindings } = await loadProcesses(join(root, 'bpmn'));
    const port = new ReportingPort({ baseUrl: config.camundaUrl, tenantId: CAMUNDA_TENANT, timeoutMs: config.engineTimeoutMs }, config.mode === 'hang-before-send');
    const stores = createStores(db);
    const { workflow } = createRuntime({
      db,
      stores,
      registry: loadDefinitions(join(root, 'definitions')),
      identity: createDevIdentity(),
      workflow: { processes, bindings, camunda: { port, processKeys: ['quote-approval'], tenantId: CAMUNDA_TENANT }, relay: { owner: `relay-child-${process.pid}`, leaseMs: config.leaseMs } },
    });
    const { outbox } = stores;
    const deadline = Date.now() + 60_000;
    // Passes until the command settles: the first ones find it still leased by the killed relay.
    for (;;) {
      // Relay passes work across tenants: the system scope, as `workflow.start` gives them.
      const command = await asSystem(async () => {
        await workflow!.relay.runOnce();
        return outbox.get(config.commandId);
      });
      if (command && command.status !== 'PENDING') {
        report(`SETTLED ${command.status}`);
        return 0;
      }
      if (Date.now() > deadline) {
        report(`TIMEOUT ${command?.status ?? 'MISSING'}`);
        return 2;
      }
      await sleep(200);
    }
  } finally {
    await db.close();
  }
}

// Imported by the test for its helpers; runs only as the child's entry.
if (process.argv[1] === relayChildPath) {
  // The test holds stdin open and never writes: its end means the test process died, and a hanging child must not outlive it.
  process.stdin.on('end', () => process.exit(3)).resume();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
