import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose rows the database statements of the code running now may touch (docs/security.md,
 * "Tenancy in the database"):
 *
 * - `tenant`: a request; the rows of its tenant only (role `mandate_app`, `mandate.tenant_id` set).
 * - `system`: a background pass across tenants (sealer, relay, SLA, reconciliation; role `mandate_system`).
 * - `owner`: migrations and the tools and tests that set up data; the connecting user itself.
 * - `nobody`: no tenant set; `mandate_app` without a tenant sees no row of any tenant's table.
 */
export type TenantScope = { kind: 'tenant'; tenantId: string } | { kind: 'system' } | { kind: 'owner' } | { kind: 'nobody' };

const scopes = new AsyncLocalStorage<TenantScope>();

/**
 * Runs `work` in a scope, with everything it starts (awaits, timers, callbacks). It is awaited
 * inside the scope: a knex query builder runs only when awaited, and would otherwise run outside.
 */
function runIn<T>(scope: TenantScope, work: () => T | PromiseLike<T>): Promise<T> {
  return scopes.run(scope, async () => await work());
}

/** Runs `work` for one tenant. */
export function withTenant<T>(tenantId: string, work: () => T | PromiseLike<T>): Promise<T> {
  if (!tenantId) throw new Error('withTenant needs a tenant id');
  return runIn({ kind: 'tenant', tenantId }, work);
}

/** Runs `work` as a background pass that works across tenants. */
export function asSystem<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return runIn({ kind: 'system' }, work);
}

/** Runs `work` as the database owner (migrations). */
export function asOwner<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return runIn({ kind: 'owner' }, work);
}

/** The scope of the code running now, if any was entered. */
export function currentTenantScope(): TenantScope | undefined {
  return scopes.getStore();
}
