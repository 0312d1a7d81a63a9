// The attack matrix: every route the app serves x every demo principal (plus no token and another
// tenant's token) x an item of every shipped task type, each answer held to the outcome class its
// row in attackMatrix.table.ts declares, and every response (bodies, error bodies, headers,
// /metrics, each caller's worklist and audit trail) scanned for marker values planted in evidence
// the caller's visibility hides. A route without a row, or missing from /openapi.json, fails.
import type { TaskType } from '@mandate/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_USERS } from '../identity/devIdentity.js';
import { definitionsDir, engines } from '../../test-support/testApp.js';
import { listRoutes } from '../../test-support/listRoutes.js';
import { CALLERS, matrixWorld, type Caller, type Exchange, type MatrixWorld, type SeededItem } from '../../test-support/attackMatrix/matrixWorld.js';
import { prepareDefinition, prepareItem, ROUTE_PROBES, variablesOf, type DefinitionState, type ItemState, type ProbeContext } from '../../test-support/attackMatrix/routeProbes.js';
import { roleClassOf, type ClassTarget } from '../../test-support/attackMatrix/roleClassOf.js';
import { ATTACK_MATRIX, type MatrixRow } from './attackMatrix.table.js';

/** Cells run a few at a time: enough to overlap database round trips, few enough for a shared machine. */
const CONCURRENCY = 4;

const PROCESS_STARTERS: Record<string, string> = { 'quote-approval': 'cpq', 'order-fulfilment': 'oms' };

const routeOf = (route: string) => route.split(' · ')[0]!;

function outcomeOf(status: number): string {
  return status >= 200 && status < 300 ? '2xx' : String(status);
}

async function inPool<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, lane));
  return results;
}

describe.each(engines)('attack matrix on $name', ({ open }) => {
  let w: MatrixWorld;
  const seeded: { item: SeededItem; taskType: TaskType }[] = [];
  const instances = new Map<string, string>();
  /** Targets shared by the cells that must be refused, and the row version each shared item started at. */
  const shared = new Map<string, Promise<unknown>>();
  const sharedItems: { item: SeededItem; rowVersion: number }[] = [];

  beforeAll(async () => {
    w = await matrixWorld(open);
    for (const taskType of w.taskTypes()) {
      const item = await w.createItem(taskType);
      await w.learnVisibility(item);
      seeded.push({ item, taskType });
    }
    for (const [key, starter] of Object.entries(PROCESS_STARTERS)) {
      const started = await w.send(starter, 'post', `/processes/${key}/instances`, { variables: variablesOf(key, `MX-INSTANCE-${key}`) });
      if (started.status !== 201) throw new Error(`starting ${key}: ${started.status} ${started.text}`);
      instances.set(key, (JSON.parse(started.text) as { processInstanceId: string }).processInstanceId);
    }
    await w.workflow.embedded.whenIdle();
  });

  afterAll(async () => {
    await w?.workflow.stop();
    await w?.db.close();
  });

  const sharedTarget = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let target = shared.get(key) as Promise<T> | undefined;
    if (!target) shared.set(key, (target = make()));
    return target;
  };

  const sharedItem = (taskType: TaskType, state: ItemState) =>
    sharedTarget(`item ${taskType.id} ${state}`, async () => {
      const item = await prepareItem(w, taskType, state);
      sharedItems.push({ item, rowVersion: await w.rowVersionOf(item) });
      return item;
    });

  it('every route the app serves is in /openapi.json and has a row in the table, and every row names a route the app serves', async () => {
    const served = listRoutes(w.app).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const doc = JSON.parse((await w.send('anonymous', 'get', '/openapi.json')).text) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const inTable = new Set(ATTACK_MATRIX.filter((r) => !r.route.includes(' · ')).map((r) => r.route));
    expect(served.filter((r) => !documented.includes(r)), 'served but missing from /openapi.json').toEqual([]);
    expect(documented.filter((r) => !served.includes(r)), 'in /openapi.json but not served').toEqual([]);
    expect(served.filter((r) => !inTable.has(r)), 'served without a row in attackMatrix.table.ts').toEqual([]);
    expect(ATTACK_MATRIX.map((r) => routeOf(r.route)).filter((r) => !served.includes(r)), 'rows for routes the app does not serve').toEqual([]);
    expect(ATTACK_MATRIX.map((r) => r.route).filter((r) => !ROUTE_PROBES[r]), 'rows without a probe').toEqual([]);
    expect(served).toEqual(expect.arrayContaining(['GET /processes', 'POST /processes/{key}/instances', 'GET /processes/{key}/instances/{id}']));
  });

  /** Runs every cell of a row; returns the cells that disagree with it. */
  async function runRow(row: MatrixRow): Promise<string[]> {
    const probe = ROUTE_PROBES[row.route];
    if (!probe) return [`no probe for ${row.route}`];
    type Target = { label: string; classTarget: ClassTarget; taskType?: TaskType; item?: SeededItem; processKey?: string };
    const targets: Target[] =
      probe.target === 'item'
        ? seeded.map(({ item, taskType }) => ({ label: taskType.id, classTarget: { kind: 'item', item }, taskType, item }))
        : probe.target === 'process'
          ? [...instances.keys()].map((key) => ({ label: key, classTarget: { kind: 'process' }, processKey: key }))
          : probe.target === 'definition'
            ? [{ label: 'a calendar drafted by gabe', classTarget: { kind: 'definition', contributors: probe.contributors ?? ['gabe'] } }]
            : [{ label: '-', classTarget: { kind: 'none' } }];
    const anyTaskType = (seeded.find((s) => s.taskType.id === 'DISCOUNT_APPROVAL') ?? seeded[0]!).taskType;
    // No token is refused before the target is read, so it is sent for the first target only:
    // unauthenticated requests count against a strict per-address rate limit.
    const cells = targets.flatMap((target, i) =>
      CALLERS.filter((caller) => i === 0 || caller !== 'anonymous').map((caller: Caller) => async (): Promise<string | undefined> => {
        const taskType = target.taskType ?? anyTaskType;
        if (probe.applies && !probe.applies(w, taskType, caller)) return undefined;
        const roleClass = roleClassOf(caller, target.classTarget);
        const inTenant = roleClass !== 'anonymous' && roleClass !== 'otherTenant';
        const offered = !probe.offered || probe.offered(w, taskType);
        // The read-only rule refuses an auditor's write before any action policy is asked.
        const refusedAsReadOnly = roleClass === 'auditor' && !row.route.startsWith('GET ');
        const startsIt = row.declaredStarters === true && target.processKey !== undefined && roleClass !== 'anonymous' && (DEV_USERS[caller]?.roles ?? []).some((role) => startersOf(target.processKey!).includes(role));
        const expected = startsIt ? '2xx' : !offered && inTenant && !refusedAsReadOnly ? row.notOffered : row.cells[roleClass];
        const where = `${caller} (${roleClass}) on ${target.label}`;
        if (!expected) return `${where}: ${target.label} does not offer the action and the row has no notOffered outcome`;
        if (expected === '-') return `${where}: the row says no caller is ${roleClass} here`;
        const mayChange = expected === '2xx';
        const ctx: ProbeContext = {
          world: w,
          caller,
          taskType,
          seeded: target.item ?? seeded[0]!.item,
          item: (state) => (mayChange ? prepareItem(w, taskType, state, caller) : sharedItem(taskType, state)),
          definition: (state: DefinitionState) => (mayChange ? prepareDefinition(w, state) : sharedTarget(`definition ${state}`, () => prepareDefinition(w, state))),
          processKey: target.processKey ?? '',
          instanceId: instances.get(target.processKey ?? '') ?? '',
        };
        const exchange: Exchange = await probe.run(ctx);
        const outcome = outcomeOf(exchange.status);
        if (outcome === expected) return undefined;
        const code = /"code":"([A-Z_]+)"/.exec(exchange.text)?.[1] ?? '';
        return `${where}: expected ${expected}, got ${exchange.status} ${code} ${exchange.status >= 500 ? exchange.text.slice(0, 200) : ''}`.trim();
      }),
    );
    return (await inPool(cells, CONCURRENCY)).filter((m): m is string => m !== undefined);
  }

  for (const row of ATTACK_MATRIX) {
    it(`${row.route}`, async () => {
      expect(await runRow(row)).toEqual([]);
    });
  }

  it('a refused command changed nothing: every item shared by the refused cells is at the row version it was prepared at', async () => {
    expect(sharedItems.length).toBeGreaterThan(0);
    const moved = [];
    for (const { item, rowVersion } of sharedItems) {
      const now = await w.rowVersionOf(item);
      if (now !== rowVersion) moved.push(`${item.taskType} ${item.id}: row version ${rowVersion} -> ${now}`);
    }
    expect(moved).toEqual([]);
  });

  it("no response carried a value hidden from its caller: every body and header above, /metrics, and every caller's whole worklist and audit trail", async () => {
    // The scan itself: it finds a planted value, and callers read items whose evidence was partly hidden from them.
    const [marker] = w.markers();
    expect(w.leaksIn('anonymous', `{"x":${JSON.stringify(marker!.value)}}`)).toHaveLength(1);
    await inPool(
      seeded.flatMap(({ item }) => CALLERS.filter((c) => c !== 'anonymous').map((caller) => () => w.send(caller, 'get', `/work-items/${item.id}`))),
      CONCURRENCY,
    );
    const partlyHidden = w.exchanges.filter((e) => e.status === 200 && /^\/work-items\/[0-9a-f-]{36}$/.test(e.path) && e.caller !== 'anonymous' && seeded.some(({ item, taskType }) => e.path.endsWith(item.id) && (w.redactedFor(e.caller, taskType.id) ?? []).length > 0));
    expect(partlyHidden.length).toBeGreaterThan(0);

    await w.send('anonymous', 'get', '/metrics');
    for (const caller of CALLERS) {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await w.send(caller, 'get', `/work-items?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        cursor = res.status === 200 ? (JSON.parse(res.text) as { nextCursor?: string }).nextCursor : undefined;
        if (!cursor) break;
      }
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await w.send(caller, 'get', `/audit?limit=500${after ? `&after=${after}` : ''}`);
        after = res.status === 200 ? (JSON.parse(res.text) as { nextAfter?: string }).nextAfter : undefined;
        if (!after) break;
      }
    }
    const leaks = w.exchanges.flatMap((e) => e.leaks.map((m) => `${e.caller} ${e.method} ${e.path} -> ${e.status}: ${m.path} of item ${m.itemId}`));
    expect(leaks).toEqual([]);
  });
});

/** The roles a shipped process declares as its starters (`mandate:starters` in bpmn/). */
function startersOf(processKey: string): string[] {
  const bpmnDir = join(definitionsDir, '../bpmn');
  for (const file of readdirSync(bpmnDir).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(join(bpmnDir, file), 'utf8');
    const process = new RegExp(`<bpmn:process[^>]*id="${processKey}"[^>]*>`).exec(xml)?.[0];
    if (process) return /mandate:starters="([^"]*)"/.exec(process)?.[1]?.split(/\s+/) ?? [];
  }
  return [];
}
