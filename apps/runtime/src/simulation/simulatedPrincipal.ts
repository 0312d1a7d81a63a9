import type { SimulateDefinition } from '@mandate/contract';
import { UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import type { PrincipalDirectory } from '../identity/PrincipalDirectory.js';
import { principalIdInput } from '../identity/principalIdInput.js';

/** The issuer a simulated principal carries: it never authenticates anything. */
const SIMULATION_ISSUER = 'urn:mandate:simulation';

/** Whose eyes a simulation looks through, and where they came from. */
export interface SimulatedPrincipal {
  principal: Principal;
  source: 'directory' | 'given';
}

/**
 * The principal of a simulation, always in the caller's tenant: a person the directory knows
 * there (`asUser`; 422 SIMULATION_USER_UNKNOWN otherwise), or the roles and groups given.
 */
export async function simulatedPrincipal(caller: Principal, body: Pick<SimulateDefinition, 'asUser' | 'asPrincipal'>, directory: PrincipalDirectory | undefined): Promise<SimulatedPrincipal> {
  if (body.asUser !== undefined) {
    const id = principalIdInput(body.asUser, 'asUser');
    const entry = await directory?.lookup(caller.tenant, id);
    if (!entry) throw new UnprocessableError('SIMULATION_USER_UNKNOWN', `${id} is not known in tenant ${caller.tenant}${directory ? '' : ' (this runtime has no directory of people; send asPrincipal)'}`, { asUser: id });
    return { principal: { id, issuer: SIMULATION_ISSUER, name: id, roles: entry.roles, groups: entry.groups, tenant: caller.tenant, region: entry.region }, source: 'directory' };
  }
  const given = body.asPrincipal!;
  const id = given.id === undefined ? 'simulated' : principalIdInput(given.id, 'asPrincipal.id');
  return { principal: { id, issuer: SIMULATION_ISSUER, name: id, roles: [...given.roles], groups: [...given.groups], tenant: caller.tenant, region: given.region }, source: 'given' };
}
