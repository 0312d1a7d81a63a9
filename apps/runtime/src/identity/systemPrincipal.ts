import type { Principal } from './Principal.js';

/** The runtime acting on its own behalf (relay, SLA scheduler, workflow bridge) in one tenant; never a person. */
export const systemPrincipal = (tenant: string, id: string): Principal => ({ id, issuer: 'urn:mandate:system', name: id, roles: ['SYSTEM'], groups: [], tenant });
