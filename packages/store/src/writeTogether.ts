import type { Knex } from 'knex';
import { prepared } from './prepared.js';
import { knexStatementOf, type KnexStatement, type WriteStatement } from './statements.js';

/** SQLSTATE of `mandate_require` (migration 20261124175000): the statement refused, nothing was written. */
const REFUSED = 'MD409';

/**
 * Sends a command's writes as ONE statement: the guard (an `update ... returning`) and every other
 * write are data-modifying CTEs, committed together by the statement's own transaction. Unless the
 * guard changed a row, `mandate_require` aborts the statement and nothing is written.
 *
 * Why: a command in an explicit transaction costs BEGIN, one round trip per write and COMMIT; on
 * this kind of machine each round trip is ~0.1 ms of system time on both ends (see
 * docs/runtime-benchmarks.md). The CTEs run on one snapshot, so no write may read another's result.
 *
 * @returns the guard's returned row, or undefined when it matched none (nothing written).
 */
export async function writeTogether<Row>(knex: Knex, guard: KnexStatement, writes: readonly WriteStatement[]): Promise<Row | undefined> {
  let statement = knex.queryBuilder().with('guard', guard);
  writes.forEach((write, i) => {
    statement = statement.with(`write_${i}`, knexStatementOf(write));
  });
  // `required` is the outer side of the join, so mandate_require runs even when the guard is empty.
  statement = statement
    .select('guard.*')
    .from(knex.raw(`(select mandate_require(exists (select 1 from guard), 'GUARD_MATCHED_NO_ROW') as ok) as required`))
    .joinRaw('left join guard on true');
  try {
    const rows = (await prepared(statement)) as (Row & { [key: string]: unknown })[];
    return rows[0];
  } catch (error) {
    if ((error as { code?: unknown }).code === REFUSED) return undefined;
    throw error;
  }
}
