// Importing the shipped definitions at start, on PGlite and PostgreSQL: idempotent across
// restarts, blind to formatting, and a published file that no longer matches its stored version
// is a reported conflict (the stored version is kept), visible through the API and /healthz.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, KnexDefinitionVersionStore, type Database } from '@mandate/store';
import { definitionsDir, engines, TEST_NOW } from '../../test-support/testApp.js';
import { createServer } from '../createServer.js';
import { DefinitionRegistry } from '../DefinitionRegistry.js';
import { createDevIdentity } from '../identity/devIdentity.js';
import { importDefinitions } from './importDefinitions.js';

const clock = () => new Date(TEST_NOW);

describe.each(engines)('importing the definitions folder on $name', ({ open }) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await open();
    dir = mkdtempSync(join(tmpdir(), 'mandate-definitions-'));
    cpSync(definitionsDir, dir, { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  const slaFile = () => join(dir, 'SlaPolicy/QUOTE_APPROVAL_SLA/v2.json');

  it('inserts every version once, with its file status; a restart inserts nothing', async () => {
    const first = await importDefinitions(createStores(db), dir, clock);
    expect(first.conflicts).toEqual([]);
    expect(first.inserted).toContain('DISCOUNT_APPROVAL@2');
    const stored = await new KnexDefinitionVersionStore(db.knex).list();
    expect(stored).toHaveLength(first.inserted.length);
    expect(stored.find((v) => v.id === 'DISCOUNT_APPROVAL' && v.version === 2)).toMatchObject({ kind: 'TaskType', status: 'published', author: 'urn:mandate:import', publishedAt: new Date(TEST_NOW).toISOString(), effectiveFrom: null });
    const again = await importDefinitions(createStores(db), dir, clock);
    expect(again).toMatchObject({ inserted: [], unchanged: first.inserted.length, conflicts: [] });
  });

  it('formatting, key order and $schema are not changes', async () => {
    const { $schema: _schema, ...content } = JSON.parse(readFileSync(slaFile(), 'utf8')) as Record<string, unknown>;
    writeFileSync(slaFile(), JSON.stringify(Object.fromEntries(Object.entries(content).reverse())));
    expect((await importDefinitions(createStores(db), dir, clock)).conflicts).toEqual([]);
  });

  it('a published file that no longer matches its stored hash is a reported conflict; the stored version is kept', async () => {
    const store = new KnexDefinitionVersionStore(db.knex);
    const before = await store.get('SlaPolicy', 'QUOTE_APPROVAL_SLA', 2);
    const edited = JSON.parse(readFileSync(slaFile(), 'utf8')) as { default: { dueIn: string } };
    edited.default.dueIn = 'PT2H';
    writeFileSync(slaFile(), JSON.stringify(edited, null, 2));
    // A new version in the folder is still imported beside the conflict.
    writeFileSync(join(dir, 'SlaPolicy/QUOTE_APPROVAL_SLA/v3.json'), JSON.stringify({ ...edited, version: 3, description: 'v3' }, null, 2));

    const report = await importDefinitions(createStores(db), dir, clock);
    expect(report.inserted).toEqual(['QUOTE_APPROVAL_SLA@3']);
    expect(report.conflicts).toEqual([
      expect.objectContaining({ kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 2, fileStatus: 'published', storedStatus: 'published', storedHash: before!.contentHash, resolution: 'STORED_VERSION_KEPT' }),
    ]);
    expect(report.conflicts[0]!.fileHash).not.toBe(before!.contentHash);
    expect(report.conflicts[0]!.file).toMatch(/SlaPolicy\/QUOTE_APPROVAL_SLA\/v2\.json$/);
    const after = await store.get('SlaPolicy', 'QUOTE_APPROVAL_SLA', 2);
    expect(after).toEqual(before);
    expect((after!.content.default as { dueIn: string }).dueIn).toBe('PT4H');

    // Visible to operators: counted in /healthz, listed for governance readers.
    const identity = createDevIdentity();
    const registry = await DefinitionRegistry.fromSource(store, { clock });
    const app = createServer({ db, registry, definitionImport: report, identity, clock });
    expect((await request(app).get('/healthz')).body).toMatchObject({ status: 'ok', definitionImportConflicts: 1 });
    const listed = await request(app).get('/definitions/import-conflicts').set('Authorization', `Bearer ${await identity.issueDevToken!('aude')}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ importedAt: new Date(TEST_NOW).toISOString(), conflicts: [expect.objectContaining({ id: 'QUOTE_APPROVAL_SLA', version: 2 })] });
    expect((await request(app).get('/definitions/import-conflicts').set('Authorization', `Bearer ${await identity.issueDevToken!('rita')}`)).body).toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
    // The runtime serves the stored version.
    const served = await request(app).get('/definitions/SlaPolicy/QUOTE_APPROVAL_SLA/versions/2').set('Authorization', `Bearer ${await identity.issueDevToken!('rita')}`);
    expect(served.body.content.default.dueIn).toBe('PT4H');
  });

  it('a folder that does not validate is refused, as before', async () => {
    writeFileSync(join(dir, 'SlaPolicy/QUOTE_APPROVAL_SLA/v4.json'), JSON.stringify({ kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 4, status: 'published', title: 'x', calendar: 'NOWHERE@1' }));
    const before = await new KnexDefinitionVersionStore(db.knex).list();
    await expect(importDefinitions(createStores(db), dir, clock)).rejects.toThrow(/do not validate/);
    expect(await new KnexDefinitionVersionStore(db.knex).list()).toEqual(before);
  });
});
