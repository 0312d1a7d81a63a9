/**
 * A simulated item as rows a person compares: one row per action, per evidence field, for the
 * priority and for each SLA instant, each with the draft's and the published version's words and
 * whether the two differ (from the server's `differences`, so the panel highlights exactly what
 * the server found different).
 */
import type { SimulatedItem } from '@mandate/client';

type Side = NonNullable<SimulatedItem['published']>;

/** One compared line. `draft`/`published` are display values; `undefined` when that side has none. */
export interface ComparedRow {
  group: 'actions' | 'view' | 'priority' | 'sla';
  key: string;
  label: string;
  draft?: RowValue;
  published?: RowValue;
  differs: boolean;
}

/** What a side says of a row, before translation: an action's state, a field's visibility, a number or an instant. */
export type RowValue =
  | { type: 'action'; enabled: boolean; reason?: string }
  | { type: 'visibility'; visible: boolean; withheld?: boolean }
  | { type: 'score'; score: number; reasons: string[] }
  | { type: 'instant'; at?: string };

const SLA_INSTANTS = ['dueAt', 'warnAt', 'escalateAt'] as const;

function actionValue(side: Side | undefined, code: string): RowValue | undefined {
  const action = side?.actions.find((a) => a.code === code);
  return action ? { type: 'action', enabled: action.enabled, ...(action.disabledReason ? { reason: action.disabledReason } : {}) } : undefined;
}

const withoutPrefix = (paths: readonly string[]) => paths.map((path) => path.replace(/^evidence\./, ''));

/**
 * The evidence paths a side shows (its view's top-level fields, and those withheld: the person
 * would see them, the admin asking may not read them) and hides (`redactedPaths`), without `evidence.`.
 */
function fieldsOf(side: Side | undefined): { shown: string[]; hidden: Set<string>; withheld: Set<string> } {
  const withheld = withoutPrefix(side?.view.withheldPaths ?? []);
  return { shown: [...Object.keys(side?.view.evidence ?? {}), ...withheld], hidden: new Set(withoutPrefix(side?.view.redactedPaths ?? [])), withheld: new Set(withheld) };
}

/**
 * The rows of one simulated item, in a stable order: actions, evidence fields, priority, SLA
 * instants. `fieldLabels` names evidence fields for people (the evidence schema's titles).
 */
export function comparedRows(item: SimulatedItem, fieldLabels: Readonly<Record<string, string>> = {}): ComparedRow[] {
  const differing = new Set(item.differences.map((d) => d.path));
  const differsUnder = (prefix: string) => [...differing].some((path) => path === prefix || path.startsWith(`${prefix}.`));
  const rows: ComparedRow[] = [];

  const actionCodes = [...new Set([...item.draft.actions, ...(item.published?.actions ?? [])].map((a) => a.code))];
  for (const code of actionCodes) {
    const label = [...item.draft.actions, ...(item.published?.actions ?? [])].find((a) => a.code === code)!.label;
    const draft = actionValue(item.draft, code);
    const published = actionValue(item.published, code);
    rows.push({ group: 'actions', key: code, label, ...(draft ? { draft } : {}), ...(published ? { published } : {}), differs: differsUnder(`actions.${code}`) });
  }

  const draftFields = fieldsOf(item.draft);
  const publishedFields = fieldsOf(item.published);
  const fieldNames = [...new Set([...draftFields.shown, ...draftFields.hidden, ...publishedFields.shown, ...publishedFields.hidden])].sort();
  for (const field of fieldNames) {
    const seen = (fields: typeof draftFields): RowValue => ({ type: 'visibility', visible: !fields.hidden.has(field), ...(fields.withheld.has(field) ? { withheld: true } : {}) });
    rows.push({ group: 'view', key: field, label: fieldLabels[field] ?? field, draft: seen(draftFields), ...(item.published ? { published: seen(publishedFields) } : {}), differs: differsUnder(`view.evidence.${field}`) });
  }

  const score = (side: Side): RowValue => ({ type: 'score', score: side.priority.score, reasons: side.priority.reasons });
  rows.push({ group: 'priority', key: 'score', label: 'score', draft: score(item.draft), ...(item.published ? { published: score(item.published) } : {}), differs: differsUnder('priority') });

  for (const instant of SLA_INSTANTS) {
    const at = (side: Side): RowValue => ({ type: 'instant', at: side.sla[instant] });
    rows.push({ group: 'sla', key: instant, label: instant, draft: at(item.draft), ...(item.published ? { published: at(item.published) } : {}), differs: differsUnder(`sla.${instant}`) });
  }
  return rows;
}
