/**
 * One line about a field for the read-only views (a published version, a form the builder cannot
 * edit, a field kept as authored): its type in words, required, for which decisions.
 */
import type { TFunction } from 'i18next';
import type { BuilderEntry } from './builderModel.js';
import type { DraftOption } from './draftOptions.js';

/** The label a stored field carries. */
export function entryLabel(entry: BuilderEntry): string {
  if (entry.kind !== 'kept') return entry.label;
  return typeof entry.schema.title === 'string' ? entry.schema.title : entry.key;
}

/** "Long text · required · only for Reject discount" in the reader's language. */
export function describeEntry(entry: BuilderEntry, options: readonly DraftOption[], t: TFunction<'formBuilder'>): string {
  const type = entry.kind === 'field' ? t(`types.${entry.type}`) : entry.kind === 'builtin' ? t(`builtin.${entry.key}.type`) : t('kept.type');
  const parts = [type];
  if (entry.kind === 'builtin' ? entry.key !== 'decision' && entry.required : entry.required) parts.push(t('summary.required'));
  const shownFor = entry.kind === 'builtin' ? undefined : entry.shownFor;
  if (shownFor?.length) parts.push(t('summary.onlyFor', { decisions: shownFor.map((c) => options.find((o) => o.code === c)?.label ?? c).join(', ') }));
  return parts.join(' · ');
}
