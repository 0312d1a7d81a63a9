import { describe, expect, it } from 'vitest';
import { starterModel } from './builderModel.js';
import { addField, moveEntry, removeEntry, updateEntry } from './modelEdits.js';

describe('model edits', () => {
  it('a new field takes its key from its label until the key is set by hand', () => {
    const { model, field } = addField(starterModel(), 'money', 'Credit amount');
    expect(field).toMatchObject({ key: 'creditAmount', currency: 'EUR', minimum: 0 });
    const renamed = updateEntry(model, field.id, { label: 'Credit note amount' });
    expect(renamed.entries.at(-1)?.key).toBe('creditNoteAmount');
    const fixed = updateEntry(renamed, field.id, { key: 'credit' });
    expect(updateEntry(fixed, field.id, { label: 'Amount' }).entries.at(-1)?.key).toBe('credit');
  });

  it('keeps keys unique', () => {
    const first = addField(starterModel(), 'text', 'Note');
    const second = addField(first.model, 'text', 'Note');
    expect(second.field.key).toBe('note2');
    expect(addField(starterModel(), 'longText', 'Comment').field.key).toBe('comment2');
  });

  it('changing the type keeps the label, help, visibility and required flag', () => {
    const { model, field } = addField(starterModel(), 'text', 'Discount');
    const withHelp = updateEntry(model, field.id, { help: 'Of the list price', shownFor: ['APPROVE'], required: true });
    expect(updateEntry(withHelp, field.id, { type: 'percent' }).entries.at(-1)).toMatchObject({ type: 'percent', label: 'Discount', help: 'Of the list price', shownFor: ['APPROVE'], required: true, minimum: 0, maximum: 100 });
  });

  it('moves and removes, never a built-in field', () => {
    const { model, field } = addField(starterModel(), 'date', 'Effective date');
    const moved = moveEntry(model, field.id, 0);
    expect(moved.entries.map((e) => e.key)).toEqual(['effectiveDate', 'decision', 'reasonCode', 'comment']);
    expect(removeEntry(moved, field.id).entries.map((e) => e.key)).toEqual(['decision', 'reasonCode', 'comment']);
    expect(removeEntry(moved, moved.entries[1]!.id).entries).toHaveLength(4);
  });
});
