import type { Principal } from './Principal.js';

/** The issuer of the runtime's own principal; no token carries it (tokens are verified against configured issuers). */
export const SYSTEM_ISSUER = 'urn:mandate:system';

/** The runtime acting on its own behalf (relay, SLA scheduler, workflow bridge) in one tenant; never a person. */
export const systemPrincipal = (tenant: string, id: string): Principal => ({ id, issuer: SYSTEM_ISSUER, name: id, roles: ['SYSTEM'], groups: [], tenant });
