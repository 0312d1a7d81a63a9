import type { Knex } from 'knex';

declare const storeTransaction: unique symbol;

/**
 * A transaction of the store, opaque outside it: a service opens one with
 * `stores.transaction(async (tx) => ...)` and hands it to the store methods that write (or read)
 * in it; it can do nothing else with it. Inside the store it is the knex transaction itself, so
 * passing it costs nothing.
 *
 * @example
 * await stores.transaction(async (tx) => {
 *   await stores.workItems.transition(tx, tenantId, id, rowVersion, { state: 'completed' }, now);
 *   await stores.audit.append(tx, event);
 * });
 */
export type StoreTransaction = { readonly [storeTransaction]: true };

/** The knex transaction behind a store transaction (inside the store only). */
export function knexOf(tx: StoreTransaction): Knex.Transaction {
  return tx as unknown as Knex.Transaction;
}

/** What a statement runs on: the caller's transaction when it gives one, else the pool. */
export function runnerOf(knex: Knex, tx: StoreTransaction | undefined): Knex {
  return tx === undefined ? knex : knexOf(tx);
}

/** Runs `run` in one knex transaction (committed when it resolves, rolled back when it throws), handing it the opaque form. */
export function inTransaction<T>(knex: Knex, run: (tx: StoreTransaction) => Promise<T>): Promise<T> {
  return knex.transaction((trx) => run(trx as unknown as StoreTransaction));
}
