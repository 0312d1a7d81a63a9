// Simulation bench: `POST /definitions/VisibilityPolicy/QUOTE_COMMERCIAL_VISIBILITY/versions/3/simulate`
// for one existing DISCOUNT_APPROVAL item as rita, sequentially over HTTP (keep-alive, loopback)
// against the runtime in this process, on PostgreSQL in a schema of its own (the shipped
// definitions imported, as at a start). The first request reads and lints the stored versions and
// compiles the draft's policy (`first_ms`); the rest reuse them while the version list is unchanged.
// Every answer must be 200 and name exactly the one field the draft hides, or the bench fails.
//
// On its own: `npx tsx apps/runtime/bench/simulationBench.ts` (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test).
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DefinitionSimulation } from '@mandate/contract';
import { createIsolatedDatabase, createStores } from '@mandate/store';
import { createServer } from '../src/createServer.js';
import { DefinitionRegistry } from '../src/DefinitionRegistry.js';
import { importDefinitions } from '../src/governance/importDefinitions.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';

const REQUESTS = 300;
const WARMUP = 30;
const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../definitions');
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** Runs the bench; returns its BENCH lines. */
export async function simulationBench(databaseUrl: string): Promise<string> {
  const db = await createIsolatedDatabase(databaseUrl);
  const stores = createStores(db);
  const identity = createDevIdentity();
  const definitionImport = await importDefinitions(stores, definitionsDir);
  const registry = await DefinitionRegistry.fromSource(stores.definitions);
  const app = createServer({ db, stores, registry, definitionImport, identity });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  const send = async (user: string, method: string, path: string, body: unknown) => {
    let token = tokens.get(user);
    if (!token) tokens.set(user, (token = await identity.issueDevToken!(user)));
    const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const expectOk = (what: string, res: { status: number; body: unknown }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  try {
    const item = expectOk('create the item', await send('cpq', 'POST', '/work-items', {
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: 'Q-BENCH-SIM', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 42000, currency: 'EUR', customerTier: 'GOLD', regulatoryRisk: true } },
      region: 'EMEA',
      requestedBy: 'rita',
      evidence: { quoteId: 'Q-BENCH-SIM', quoteRevision: 3, requestedDiscountPercent: 28, standardLimitPercent: 25, pricingResultId: 'PR-1', marginImpactPercent: -4.2, competitorPrice: 18250, riskScore: 0.7 },
    }));
    const draft = expectOk('draft', await send('gabe', 'POST', '/definitions/VisibilityPolicy/QUOTE_COMMERCIAL_VISIBILITY/drafts', { from: 2 }));
    const content = draft.content as { fields: object[] };
    const path = `/definitions/VisibilityPolicy/QUOTE_COMMERCIAL_VISIBILITY/versions/${String(draft.version)}`;
    expectOk('edit the draft', await send('gabe', 'PUT', path, { content: { ...content, fields: [...content.fields, { path: 'evidence.pricingResultId', classification: 'INTERNAL_NOTES', visibleToRoles: ['SALES_MANAGER'] }] } }));
    const body = { workItemIds: [item.id], asUser: 'rita' };
    const once = async () => {
      const started = performance.now();
      const res = await send('gabe', 'POST', `${path}/simulate`, body);
      const ms = performance.now() - started;
      const differences = (expectOk('simulate', res) as unknown as DefinitionSimulation).items[0]?.differences.map((d) => d.path);
      if (JSON.stringify(differences) !== '["view.evidence.pricingResultId"]') throw new Error(`unexpected differences ${JSON.stringify(differences)}`);
      return ms;
    };
    const first = await once();
    for (let i = 0; i < WARMUP; i++) await once();
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) samples.push(await once());
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    return `BENCH simulate items=1 requests=${REQUESTS} sequential=yes transport=http_loopback database=postgresql first_ms=${fmt(first)} p50_ms=${fmt(at(0.5))} p99_ms=${fmt(at(0.99))} max_ms=${fmt(samples[samples.length - 1]!)} (a VisibilityPolicy draft beside the published version, one existing item, as rita)`;
  } finally {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
    await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await simulationBench(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'));
}
