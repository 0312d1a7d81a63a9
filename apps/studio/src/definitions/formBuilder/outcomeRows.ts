/**
 * A decision option's outcome (the process variables the workflow receives, `name -> constant`)
 * as table rows and back. The runtime copies the outcome as it is, beside `decision` and
 * `reasonCode`, so a value is a constant: text, a number or yes/no.
 */

/** The kinds of constant a row holds. */
export type OutcomeValueType = 'text' | 'number' | 'yesNo';

/** One row of the table: a process variable and its value, as typed. */
export interface OutcomeRow {
  id: string;
  variable: string;
  type: OutcomeValueType;
  /** The value as the admin typed it ('true'/'false' for yes/no). */
  value: string;
  /** A stored value that is none of the kinds above (a list, an object): shown, not edited. */
  kept?: unknown;
}

/** What a process variable may be called (a BPMN expression reads it). */
export const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

let counter = 0;
const rowId = () => `outcome-${(counter += 1)}`;

/** The rows of a stored outcome. */
export function outcomeToRows(outcome: unknown): OutcomeRow[] {
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return [];
  return Object.entries(outcome as Record<string, unknown>).map(([variable, value]) => {
    if (typeof value === 'boolean') return { id: rowId(), variable, type: 'yesNo', value: String(value) };
    if (typeof value === 'number') return { id: rowId(), variable, type: 'number', value: String(value) };
    if (typeof value === 'string') return { id: rowId(), variable, type: 'text', value };
    return { id: rowId(), variable, type: 'text', value: JSON.stringify(value), kept: value };
  });
}

/** A new empty row. */
export function newOutcomeRow(): OutcomeRow {
  return { id: rowId(), variable: '', type: 'text', value: '' };
}

/** What is wrong with a row, if anything. */
export function rowProblem(row: OutcomeRow, rows: readonly OutcomeRow[]): 'variable' | 'duplicate' | 'number' | undefined {
  if (!VARIABLE_PATTERN.test(row.variable)) return 'variable';
  if (rows.some((r) => r !== row && r.variable === row.variable)) return 'duplicate';
  if (row.kept === undefined && row.type === 'number' && (row.value.trim() === '' || !Number.isFinite(Number(row.value)))) return 'number';
  return undefined;
}

/** The outcome the rows stand for; rows without a usable name or number are left out until they have one. */
export function rowsToOutcome(rows: readonly OutcomeRow[]): Record<string, unknown> {
  const outcome: Record<string, unknown> = {};
  for (const row of rows) {
    const problem = rowProblem(row, rows);
    // An unusable row is left out (and marked in the table) rather than saved as something else.
    if (problem === 'variable' || problem === 'number' || (problem === 'duplicate' && row.variable in outcome)) continue;
    if (row.kept !== undefined) outcome[row.variable] = row.kept;
    else if (row.type === 'yesNo') outcome[row.variable] = row.value === 'true';
    else if (row.type === 'number') outcome[row.variable] = Number(row.value);
    else outcome[row.variable] = row.value;
  }
  return outcome;
}
