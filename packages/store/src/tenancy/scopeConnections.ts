import type { Knex } from 'knex';
import { currentTenantScope, type TenantScope } from './tenantScope.js';

/** What a connection is switched to: the role and the tenant the row-level security policies read. */
interface ConnectionScope {
  role: 'mandate_app' | 'mandate_system' | 'none';
  tenantId: string;
}

/** A pooled connection as the drivers give it (pg's Client and PGlite both answer `query(text, values)`). */
interface RawConnection {
  query(text: string, values: unknown[]): Promise<unknown>;
  /** The scope this connection was last switched to: switching again to the same one is skipped. */
  mandateScope?: string;
}

function connectionScopeOf(scope: TenantScope): ConnectionScope {
  switch (scope.kind) {
    case 'tenant':
      return { role: 'mandate_app', tenantId: scope.tenantId };
    case 'system':
      return { role: 'mandate_system', tenantId: '' };
    case 'owner':
      return { role: 'none', tenantId: '' };
    case 'nobody':
      return { role: 'mandate_app', tenantId: '' };
  }
}

/**
 * Makes every connection knex takes from its pool run in the scope of the code that asked for it
 * (`withTenant`, `asSystem`, `asOwner`), or in `unscoped` when none was entered. knex takes a
 * connection for each query outside a transaction and once for a whole transaction, so the scope
 * holds for exactly the statements of one query or one transaction, as `SET LOCAL` would, without
 * wrapping every query in a transaction. A connection already in the wanted scope is not switched
 * again: a request's queries pay one extra round trip only when the pool hands them a connection
 * another tenant or a background pass used last.
 */
export function scopeConnections(knex: Knex, unscoped: TenantScope): void {
  const client = knex.client as { acquireConnection: () => Promise<RawConnection>; releaseConnection: (c: RawConnection) => Promise<void> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const wanted = connectionScopeOf(currentTenantScope() ?? unscoped);
    const connection = await acquire();
    const key = `${wanted.role}\u0000${wanted.tenantId}`;
    if (connection.mandateScope === key) return connection;
    try {
      await connection.query(`select set_config('role', $1, false), set_config('mandate.tenant_id', $2, false)`, [wanted.role, wanted.tenantId]);
    } catch (error) {
      // The connection's scope is unknown now: the next taker switches it again.
      connection.mandateScope = undefined;
      await client.releaseConnection(connection);
      throw error;
    }
    connection.mandateScope = key;
    return connection;
  };
}
