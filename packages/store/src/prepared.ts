import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Marks a hot statement as a named prepared statement: on PostgreSQL, node-postgres parses it once
 * per connection and the server plans it from its cached plan, instead of parsing and planning
 * every call (0.2 to 0.4 ms of server CPU for a decision's statements, docs/runtime-benchmarks.md).
 * The name is a hash of the SQL text, so two texts never share a name. PGlite ignores the name.
 */
export function prepared<T extends Knex.QueryBuilder | Knex.Raw>(statement: T): T {
  const { sql } = statement.toSQL();
  return statement.options({ name: `mandate_${createHash('sha256').update(sql).digest('hex').slice(0, 40)}` }) as T;
}
