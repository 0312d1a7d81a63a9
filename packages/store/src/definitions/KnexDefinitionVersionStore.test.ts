import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import type { DefinitionVersionRecord, NewDefinitionVersion } from './DefinitionVersionStore.js';
import { definitionContentHash, KnexDefinitionVersionStore } from './KnexDefinitionVersionStore.js';

const NOW = '2026-07-02T08:00:00.000Z';
const content = (version: number, status: string, dueIn = 'PT4H') => ({ kind: 'SlaPolicy', id: 'TEST_SLA', version, status, title: 'Test SLA', calendar: 'CAL@1', default: { dueIn } });
const record = (version: number, status: DefinitionVersionRecord['status']): NewDefinitionVersion => ({
  kind: 'SlaPolicy',
  id: 'TEST_SLA',
  version,
  status,
  content: content(version, status),
  author: 'gabe',
  reviewer: null,
  reviewComment: null,
  submittedAt: null,
  approvedAt: null,
  publishedAt: status === 'published' ? NOW : null,
  effectiveFrom: null,
  retiredAt: null,
  changeNote: null,
  createdAt: NOW,
  updatedAt: NOW,
});

describe('definitionContentHash', () => {
  it('ignores key order, status and $schema; sees every other change', () => {
    const base = definitionContentHash(content(1, 'draft'));
    expect(definitionContentHash({ $schema: '../x.json', default: { dueIn: 'PT4H' }, calendar: 'CAL@1', title: 'Test SLA', status: 'published', version: 1, id: 'TEST_SLA', kind: 'SlaPolicy' })).toBe(base);
    expect(definitionContentHash(content(1, 'draft', 'PT5H'))).not.toBe(base);
    expect(definitionContentHash(content(2, 'draft'))).not.toBe(base);
  });
});

describe.each(engines)('definition versions on $name', ({ open }) => {
  let db: Database;
  let store: KnexDefinitionVersionStore;
  beforeAll(async () => {
    db = await open();
    store = new KnexDefinitionVersionStore(db.knex);
    await db.transaction(async (tx) => {
      await store.insert(tx, record(1, 'published'));
      await store.insert(tx, record(2, 'draft'));
    });
  });
  afterAll(() => db.close());

  it('stores content with its hash and title; lists without content, filtered, in version order', async () => {
    const v1 = await store.get('SlaPolicy', 'TEST_SLA', 1);
    expect(v1).toMatchObject({ status: 'published', title: 'Test SLA', contentHash: definitionContentHash(content(1, 'published')), publishedAt: NOW, createdAt: NOW });
    expect((await store.list({ id: 'TEST_SLA' })).map((m) => [m.version, m.status])).toEqual([[1, 'published'], [2, 'draft']]);
    expect(await store.list({ statuses: ['published'] })).toEqual([expect.not.objectContaining({ content: expect.anything() })]);
    expect((await store.contentsOf([{ id: 'TEST_SLA', version: 2 }])).map((r) => r.content)).toEqual([content(2, 'draft')]);
    expect(await store.kindOfId('TEST_SLA')).toBe('SlaPolicy');
    expect(await db.transaction((tx) => store.highestVersion(tx, 'SlaPolicy', 'TEST_SLA'))).toBe(2);
  });

  it('an insert of an existing version with ifMissing leaves it alone', async () => {
    const inserted = await db.transaction((tx) => store.insert(tx, { ...record(1, 'published'), content: content(1, 'published', 'PT9H') }, { ifMissing: true }));
    expect(inserted).toBe(false);
    expect((await store.get('SlaPolicy', 'TEST_SLA', 1))!.content).toEqual(content(1, 'published'));
  });

  it('a draft changes freely; a published version only its status, to retired', async () => {
    const changed = await db.transaction((tx) => store.update(tx, 'SlaPolicy', 'TEST_SLA', 2, { content: { ...content(2, 'draft', 'PT2H'), title: 'Faster' }, changeNote: 'faster' }));
    expect(changed).toMatchObject({ title: 'Faster', changeNote: 'faster', contentHash: definitionContentHash({ ...content(2, 'draft', 'PT2H'), title: 'Faster' }) });
    const edit = db.transaction((tx) => store.update(tx, 'SlaPolicy', 'TEST_SLA', 1, { content: content(1, 'published', 'PT1H') }));
    await expect(edit).rejects.toThrow(/immutable/);
    const unpublish = db.transaction((tx) => store.update(tx, 'SlaPolicy', 'TEST_SLA', 1, { status: 'draft', content: content(1, 'draft') }));
    await expect(unpublish).rejects.toThrow(/immutable/);
    await expect(db.knex('definition_version').where({ id: 'TEST_SLA', version: 1 }).del()).rejects.toThrow(/cannot be deleted/);
    const retired = await db.transaction((tx) => store.update(tx, 'SlaPolicy', 'TEST_SLA', 1, { status: 'retired', content: content(1, 'retired'), retiredAt: NOW }));
    expect(retired).toMatchObject({ status: 'retired', retiredAt: NOW, contentHash: definitionContentHash(content(1, 'published')) });
    const revive = db.transaction((tx) => store.update(tx, 'SlaPolicy', 'TEST_SLA', 1, { status: 'published', content: content(1, 'published') }));
    await expect(revive).rejects.toThrow(/immutable/);
    await db.knex('definition_version').where({ id: 'TEST_SLA', version: 2 }).del();
    expect(await store.list({ id: 'TEST_SLA' })).toHaveLength(1);
  });
});
