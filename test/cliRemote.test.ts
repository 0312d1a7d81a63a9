// `mandate publish`, `mandate diff --remote` and `mandate replay` against a real runtime listening
// on a loopback port, in-process (PGlite, and PostgreSQL when DATABASE_URL is set).
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@mandate/cli';
import { engines, testApp } from '@mandate/runtime/test-support';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from './support/captureIo.js';
import { repoRoot } from './support/paths.js';

type App = Awaited<ReturnType<typeof testApp>>;

const AUTHORITY_V1 = 'AuthorityPolicy/COMMERCIAL_AUTHORITY/v1.json';

/** The shipped folder, copied, with COMMERCIAL_AUTHORITY@2 lowering the EMEA director's discount limit to `limit` %. */
function folderWithAuthority(limit: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-publish-'));
  cpSync(join(repoRoot, 'definitions'), dir, { recursive: true });
  const v1 = JSON.parse(readFileSync(join(dir, AUTHORITY_V1), 'utf8')) as { grants: { name: string; limits: Record<string, number> }[] };
  const grants = v1.grants.map((g) => (g.name === 'REGIONAL_DIRECTOR_EMEA' ? { ...g, limits: { ...g.limits, discountPercent: limit } } : g));
  writeFileSync(join(dir, 'AuthorityPolicy/COMMERCIAL_AUTHORITY/v2.json'), JSON.stringify({ ...v1, version: 2, status: 'draft', grants }, null, 2));
  return dir;
}

describe.each(engines)('mandate against a runtime on $name', ({ open }) => {
  let t: App;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await testApp(open);
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    await t.db.close();
  });

  async function run(cwd: string, ...args: string[]) {
    const io = captureIo(cwd);
    const code = await main(['node', 'mandate', ...args], io);
    return { code, out: io.stdout(), err: io.stderr() };
  }
  const drafts = async () => t.db.knex('definition_version').whereIn('status', ['draft', 'in_review']).select('id', 'version', 'status', 'author').orderBy('id');

  it('publish sends only what differs from the runtime as drafts, and --submit submits them', async () => {
    const same = await run(repoRoot, 'publish', 'definitions', '--remote', url, '--token', await t.token('gabe'));
    expect(same.code, same.err).toBe(0);
    expect(same.out).toMatch(/^\d+ definitions: 0 sent as drafts, \d+ unchanged, 0 refused$/m);
    expect(await drafts()).toEqual([]);

    const dir = folderWithAuthority(32);
    const created = await run(dir, 'publish', '.', '--remote', url, '--token', await t.token('gabe'));
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^AuthorityPolicy\s+COMMERCIAL_AUTHORITY\s+COMMERCIAL_AUTHORITY@2\s+v2 draft\s+draft created$/m);
    expect(created.out).toMatch(/^TaskType\s+DISCOUNT_APPROVAL\s+DISCOUNT_APPROVAL@\d+\s+v\d+ published\s+unchanged$/m);
    expect(created.out).toMatch(/: 1 sent as drafts, \d+ unchanged, 0 refused$/m);
    expect(await drafts()).toEqual([{ id: 'COMMERCIAL_AUTHORITY', version: 2, status: 'draft', author: 'gabe' }]);
    // The same folder again: the runtime's draft says the same.
    expect((await run(dir, 'publish', '.', '--remote', url, '--token', await t.token('gabe'))).out).toMatch(/: 0 sent as drafts/);

    // A change to it updates the open draft; --submit sends it to review.
    const changed = folderWithAuthority(30);
    const submitted = await run(changed, 'publish', '.', '--remote', url, '--token', await t.token('gabe'), '--submit');
    expect(submitted.code, submitted.err).toBe(0);
    expect(submitted.out).toMatch(/^AuthorityPolicy\s+COMMERCIAL_AUTHORITY\s+COMMERCIAL_AUTHORITY@2\s+v2 in_review\s+draft updated, submitted$/m);
    expect(await drafts()).toEqual([{ id: 'COMMERCIAL_AUTHORITY', version: 2, status: 'in_review', author: 'gabe' }]);
  });

  it('publish refuses an invalid folder locally and reports what the runtime refuses', async () => {
    const dir = folderWithAuthority(25);
    const file = join(dir, 'TaskType/DISCOUNT_APPROVAL/v2.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"QUOTE_APPROVAL_SLA@2"', '"QUOTE_APPROVAL_SLA@9"'));
    const invalid = await run(dir, 'publish', '.', '--remote', url, '--token', await t.token('gabe'));
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/REFERENCE_NOT_FOUND/);
    expect(invalid.err).toMatch(/nothing was sent/);

    // In review on the runtime: not overwritten.
    const inReview = await run(folderWithAuthority(25), 'publish', '.', '--remote', url, '--token', await t.token('gabe'));
    expect(inReview.code).toBe(1);
    expect(inReview.out).toMatch(/COMMERCIAL_AUTHORITY.*refused: a version is in review/);
    // Not a governance admin: the runtime's 403, per definition.
    const rep = await run(folderWithAuthority(25), 'publish', '.', '--remote', url, '--token', await t.token('rita'));
    expect(rep.code).toBe(1);
    expect(rep.out).toMatch(/refused: /);
    expect((await run(repoRoot, 'publish', 'definitions', '--remote', 'ftp://x', '--token', 'x')).code).toBe(2);
    expect((await run(repoRoot, 'publish', 'definitions')).code).toBe(2);
  });

  it('diff --remote shows each local definition against the published version, as mandate diff does', async () => {
    const dir = folderWithAuthority(30);
    const sla = join(dir, 'SlaPolicy/QUOTE_APPROVAL_SLA/v1.json');
    const edited = JSON.parse(readFileSync(sla, 'utf8')) as { default: Record<string, string> };
    writeFileSync(sla, JSON.stringify({ ...edited, default: { ...edited.default, escalateAfter: 'PT2H' } }));
    const diff = await run(dir, 'diff', '--remote', url, '.', '--token', await t.token('sam'));
    expect(diff.code, diff.err).toBe(0);
    // COMMERCIAL_AUTHORITY@2 is not published: compared with the latest published, @1.
    expect(diff.out).toMatch(/COMMERCIAL_AUTHORITY@1 -> COMMERCIAL_AUTHORITY@2/);
    expect(diff.out).toMatch(/35 -> 30/);
    expect(diff.out).toMatch(/QUOTE_APPROVAL_SLA@1 -> QUOTE_APPROVAL_SLA@1/);
    expect(diff.out).toMatch(/local definitions against http:\/\/127\.0\.0\.1:\d+: 2 differ, 0 not published there$/m);
    const json = JSON.parse((await run(dir, 'diff', '--remote', url, '.', '--format', 'json', '--token', await t.token('sam'))).out) as { changed: { from: string; to: string; changedInPlace?: boolean }[] };
    expect(json.changed.map((d) => `${d.from}>${d.to}`).sort()).toEqual(['COMMERCIAL_AUTHORITY@1>COMMERCIAL_AUTHORITY@2', 'QUOTE_APPROVAL_SLA@1>QUOTE_APPROVAL_SLA@1']);
    expect(json.changed.find((d) => d.to === 'QUOTE_APPROVAL_SLA@1')!.changedInPlace).toBe(true);
    // The shipped folder is what the runtime imported: no differences.
    expect((await run(repoRoot, 'diff', '--remote', url, '--token', await t.token('sam'))).out).toMatch(/: 0 differ, 0 not published there$/m);
    expect((await run(repoRoot, 'diff', '--remote', url, 'definitions', 'other')).code).toBe(2);
  });

  it('replay prints the impact of the candidate over past decisions', async () => {
    const as = async (user: string) => ({ Authorization: await t.token(user) });
    for (const [n, percent, approver] of [[1, 28, 'dana'], [2, 31, 'dana'], [3, 34, 'dana'], [4, 36, 'fiona']] as const) {
      const id = `Q-CLI-${n}`;
      const created = await request(t.app).post('/work-items').set(await as('rita')).send({
        taskType: 'DISCOUNT_APPROVAL',
        businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 90000, currency: 'EUR', customerTier: 'GOLD', regulatoryRisk: false } },
        region: 'EMEA',
        productFamily: 'BROADBAND',
        evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: percent, standardLimitPercent: 25, marginImpactPercent: -3 },
      });
      expect(created.status, created.text).toBe(201);
      await request(t.app).post(`/work-items/${created.body.id}/claim`).set(await as(approver));
      const decided = await request(t.app).post(`/work-items/${created.body.id}/decisions`).set(await as(approver)).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Retention.', acknowledged: true, expectedBusinessObjectVersion: 12 });
      expect(decided.status, decided.text).toBe(201);
    }
    const args = ['replay', '--remote', url, '--kind', 'AuthorityPolicy', '--id', 'COMMERCIAL_AUTHORITY', '--candidate', '2'];
    const table = await run(repoRoot, ...args, '--token', await t.token('aude'));
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^Impact of AuthorityPolicy COMMERCIAL_AUTHORITY@2 \(in_review\) on 4 items: 2 affected, 2 unaffected$/m);
    expect(table.out).toMatch(/^decisions now refused\s+2$/m);
    // Examples come in item id order (random ids): either way round.
    expect(table.out).toMatch(/^decision\s+decision:APPROVE\s+AUTHORITY_LIMIT_EXCEEDED\s+accepted -> refused\s+2\s+QUOTE Q-CLI-[23] \(dana\), QUOTE Q-CLI-[23] \(dana\)$/m);
    expect(table.out).not.toMatch(/Q-CLI-[14]/);
    const json = await run(repoRoot, ...args, '--from', '2000-01-01T00:00:00Z', '--json', '--token', await t.token('gabe'));
    expect(JSON.parse(json.out)).toMatchObject({ candidate: { version: 2, status: 'in_review' }, totals: { cases: 4, refusedDecisions: 2 } });
    const rep = await run(repoRoot, ...args, '--token', await t.token('rita'));
    expect(rep.code).toBe(1);
    expect(rep.err).toMatch(/answered 403 GOVERNANCE_READER_REQUIRED/);
    expect((await run(repoRoot, ...args.slice(0, -1), 'two', '--token', 'x')).code).toBe(2);
    expect((await run(repoRoot, 'replay', '--remote', url, '--kind', 'AuthorityPolicy', '--token', 'x')).code).toBe(2);
  });
});
