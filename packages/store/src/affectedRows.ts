/**
 * The number of rows a delete or update touched. knex returns a number on PostgreSQL, but the
 * PGlite dialect returns the raw result for deletes (`{ rowCount }`).
 */
export function affectedRows(result: unknown): number {
  if (typeof result === 'number') return result;
  const count = (result as { rowCount?: unknown } | null)?.rowCount;
  return typeof count === 'number' ? count : 0;
}
