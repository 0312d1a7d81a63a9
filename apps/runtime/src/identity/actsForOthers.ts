import type { Principal } from './Principal.js';
import { SYSTEM_ISSUER } from './systemPrincipal.js';

/** The role of a domain service (an order management or CPQ system's client credentials). */
export const SERVICE_ROLE = 'SERVICE';

/**
 * Whether the principal may act on behalf of someone else (name another requester): a domain
 * service, or the runtime's own principal. People act as themselves: four-eyes forbids the
 * requester, so a person who could name another requester could approve their own request.
 */
export function actsForOthers(principal: Principal): boolean {
  return principal.roles.includes(SERVICE_ROLE) || principal.issuer === SYSTEM_ISSUER;
}
