import type { Knex } from 'knex';

declare const writeStatement: unique symbol;
declare const readStatement: unique symbol;

/**
 * One write of a command, built by a store and not yet sent (opaque outside the store): hand it
 * to `WorkItemStore.transitionTogether`, which sends it with the guard and the other writes as one
 * statement.
 */
export type WriteStatement = { readonly [writeStatement]: true };

/** A read built by a store and not yet sent (opaque outside the store): another read sends it in its own statement (`WorkItemStore.getWithContextReading`). */
export type ReadStatement = { readonly [readStatement]: true };

/** The knex form of a store-built statement, as `writeTogether` and the reads that carry one send it. */
export type KnexStatement = Knex.QueryBuilder | Knex.Raw;

/** A knex insert/update builder or raw data-modifying statement as a write statement. */
export const asWriteStatement = (statement: KnexStatement): WriteStatement => statement as unknown as WriteStatement;

/** A knex select as a read statement. */
export const asReadStatement = (statement: KnexStatement): ReadStatement => statement as unknown as ReadStatement;

/** The knex statement behind a write or read statement (inside the store only). */
export const knexStatementOf = (statement: WriteStatement | ReadStatement): KnexStatement => statement as unknown as KnexStatement;
