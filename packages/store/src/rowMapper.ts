/**
 * Rows to records, one rule for every store that lists its columns: a record's field is its
 * column in camelCase (`work_item_id` is `workItemId`), a timestamp column comes back as ISO 8601
 * text, and an optional column that is null is left out (an absent field, never a null one).
 * Written once, so the stores do not each spell the same mapping field by field; a record field
 * without its column (or a column without its field) fails to compile. The hot reads (worklist
 * pages, impact replay batches) keep their hand-written mappers.
 */

/** `snake_case` as `camelCase`, at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** `columns` as they must be to map onto `R`: every field of `R` named, none that `R` lacks (else a type naming what is missing or extra). */
type ColumnsOf<R, C extends readonly string[]> = [Exclude<keyof R, CamelCase<C[number]>>] extends [never]
  ? [Exclude<CamelCase<C[number]>, keyof R>] extends [never]
    ? C
    : { fieldsTheRecordLacks: Exclude<CamelCase<C[number]>, keyof R> }
  : { columnsMissingFor: Exclude<keyof R, CamelCase<C[number]>> };

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A mapper from `Row` to `R` over `columns` (in the record's field order). `instants` are
 * timestamp columns (a Date, or text as `to_jsonb` gives it); `optional` ones are left out when null (or not selected).
 *
 * @example
 * const toRecord = rowMapper<DbDecisionRow, DecisionRecord>()(['id', 'work_item_id', 'decided_at', 'comment'], { instants: ['decided_at'], optional: ['comment'] });
 * toRecord({ id: 'd1', work_item_id: 'w1', decided_at: new Date(0), comment: null }); // { id: 'd1', workItemId: 'w1', decidedAt: '1970-01-01T00:00:00.000Z' }
 */
export function rowMapper<Row extends object, R extends object>() {
  return <const C extends readonly (keyof Row & string)[]>(columns: ColumnsOf<R, C>, options: { instants?: readonly C[number][]; optional?: readonly C[number][] } = {}): ((row: Row) => R) => {
    const instants = new Set<string>(options.instants);
    const optional = new Set<string>(options.optional);
    const plan = (columns as C).map((column) => ({ column, field: camelCase(column), instant: instants.has(column), optional: optional.has(column) }));
    return (row) => {
      const values = row as Record<string, unknown>;
      const record: Record<string, unknown> = {};
      for (const { column, field, instant, optional: maybe } of plan) {
        const value = values[column];
        if ((value === null || value === undefined) && maybe) continue;
        record[field] = instant && value !== null ? new Date(value as string | Date).toISOString() : value;
      }
      return record as R;
    };
  };
}

/**
 * The other way: a writer from `R` to the values of an insert over `columns` (in the insert's
 * column order): each column from its camelCase field, an absent field as null, a `json` column
 * as JSON text (jsonb takes text; knex would send an array as a PostgreSQL array).
 *
 * @example
 * const rowOf = columnWriter<ApprovalRequestRecord, DbApprovalRequestRow>()(['work_item_id', 'required_authority'], { json: ['required_authority'] });
 * rowOf({ workItemId: 'w1', requiredAuthority: { amount: 25 } }); // { work_item_id: 'w1', required_authority: '{"amount":25}' }
 */
export function columnWriter<R extends object, Row extends object>() {
  return <const C extends readonly (keyof Row & string)[]>(columns: ColumnsOf<R, C>, options: { json?: readonly C[number][] } = {}): ((record: R) => Record<C[number], unknown>) => {
    const json = new Set<string>(options.json);
    const plan = (columns as C).map((column) => ({ column, field: camelCase(column), json: json.has(column) }));
    return (record) => {
      const values = record as Record<string, unknown>;
      const row: Record<string, unknown> = {};
      for (const { column, field, json: asJson } of plan) {
        const value = values[field];
        row[column] = value === undefined ? null : asJson ? JSON.stringify(value) : value;
      }
      return row;
    };
  };
}
