import { describe, expect, it } from 'vitest';
import { columnWriter, rowMapper } from './rowMapper.js';

interface Thing {
  id: string;
  workItemId: string;
  madeAt: string;
  note?: string;
  trace: unknown;
}
interface DbThingRow {
  id: string;
  work_item_id: string;
  made_at: Date | string;
  note: string | null;
  trace: unknown;
}

describe('rowMapper and columnWriter', () => {
  const toThing = rowMapper<DbThingRow, Thing>()(['id', 'work_item_id', 'made_at', 'note', 'trace'], { instants: ['made_at'], optional: ['note'] });
  const rowOf = columnWriter<Thing, DbThingRow>()(['id', 'work_item_id', 'made_at', 'note', 'trace'], { json: ['trace'] });

  it('names each column in camelCase, gives timestamps as ISO text and leaves a null optional column out', () => {
    expect(toThing({ id: 't1', work_item_id: 'w1', made_at: new Date('2026-07-02T08:00:00Z'), note: null, trace: null })).toStrictEqual({ id: 't1', workItemId: 'w1', madeAt: '2026-07-02T08:00:00.000Z', trace: null });
    expect(toThing({ id: 't1', work_item_id: 'w1', made_at: '2026-07-02T10:00:00+02:00', note: 'n', trace: { a: 1 } })).toStrictEqual({ id: 't1', workItemId: 'w1', madeAt: '2026-07-02T08:00:00.000Z', note: 'n', trace: { a: 1 } });
  });

  it('writes every column in order, an absent field as null and a json column as JSON text', () => {
    const row = rowOf({ id: 't1', workItemId: 'w1', madeAt: '2026-07-02T08:00:00Z', trace: null });
    expect(row).toStrictEqual({ id: 't1', work_item_id: 'w1', made_at: '2026-07-02T08:00:00Z', note: null, trace: 'null' });
    expect(Object.keys(row)).toEqual(['id', 'work_item_id', 'made_at', 'note', 'trace']);
  });

  it('refuses to compile a mapping that misses a field of the record (the typecheck fails on the line below otherwise)', () => {
    // @ts-expect-error `note` has no column
    const incomplete = rowMapper<DbThingRow, Thing>()(['id', 'work_item_id', 'made_at', 'trace']);
    // Were it compiled anyway, the field would silently be lost: that is why the type refuses it.
    expect(incomplete({ id: 't1', work_item_id: 'w1', made_at: '2026-07-02T08:00:00Z', note: 'n', trace: null })).not.toHaveProperty('note');
  });
});
