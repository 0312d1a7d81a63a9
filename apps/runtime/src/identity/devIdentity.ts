/**
 * Development identity: demo users signed into JWTs with a random per-process key, under an
 * issuer production never trusts. Only the dev start command uses it, and it says so loudly.
 */
import { SignJWT, jwtVerify } from 'jose';
import { UnauthenticatedError } from '../http/errors.js';
import type { Principal } from './Principal.js';

/** The issuer of dev tokens; production configuration must never list it. */
export const DEV_ISSUER = 'urn:mandate:dev-identity';
const AUDIENCE = 'mandate-runtime';

/** Demo users of the dev directory. */
export const DEV_USERS: Record<string, Omit<Principal, 'id' | 'issuer'>> = {
  rita: { name: 'Rita (sales rep, quote owner)', roles: ['SALES_REP'], groups: ['sales-reps'], tenant: 'ACME_EU', region: 'EMEA' },
  sam: { name: 'Sam (sales manager)', roles: ['SALES_MANAGER'], groups: ['sales-managers'], tenant: 'ACME_EU', region: 'EMEA' },
  dana: { name: 'Dana (regional sales director EMEA, 35%)', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' },
  raj: { name: 'Raj (regional sales director APAC)', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_APAC', region: 'APAC' },
  fiona: { name: 'Fiona (finance approver)', roles: ['FINANCE_APPROVER'], groups: ['finance-approvers', 'sales-managers'], tenant: 'ACME_EU', region: 'EMEA' },
  olga: { name: 'Olga (operations lead)', roles: ['OPERATIONS_LEAD', 'OPERATIONS_AGENT'], groups: ['fulfillment-operations', 'inventory-operations', 'operations-leads'], tenant: 'ACME_EU', region: 'EMEA' },
  mia: { name: 'Mia (team manager, may reassign)', roles: ['TEAM_MANAGER'], groups: ['sales-managers', 'regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' },
  aude: { name: 'Aude (auditor)', roles: ['AUDITOR'], groups: [], tenant: 'ACME_EU', region: 'EMEA' },
  gabe: { name: 'Gabe (governance admin)', roles: ['GOVERNANCE_ADMIN'], groups: [], tenant: 'ACME_EU', region: 'EMEA' },
  gina: { name: 'Gina (governance admin)', roles: ['GOVERNANCE_ADMIN'], groups: [], tenant: 'ACME_EU', region: 'EMEA' },
};

/** Signs and verifies dev tokens with a key that lives only in this process. */
export interface Identity {
  mode: 'dev' | 'jwt';
  verify: (authorization: string | undefined) => Promise<Principal>;
  /** Dev mode only. */
  issueDevToken?: (userId: string) => Promise<string>;
}

/** Creates the dev identity. */
export function createDevIdentity(): Identity {
  const key = crypto.getRandomValues(new Uint8Array(32));
  return {
    mode: 'dev',
    issueDevToken: async (userId) => {
      const user = DEV_USERS[userId];
      if (!user) throw new UnauthenticatedError('UNKNOWN_DEV_USER', `no demo user ${userId}; demo users: ${Object.keys(DEV_USERS).join(', ')}`);
      return new SignJWT({ roles: user.roles, groups: user.groups, tenant: user.tenant, region: user.region, name: user.name })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(DEV_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(key);
    },
    verify: async (authorization) => {
      const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthenticatedError('AUTHENTICATION_REQUIRED', 'send Authorization: Bearer <token>');
      try {
        const { payload } = await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        const claims = payload as { sub?: string; roles?: unknown; groups?: unknown; tenant?: unknown; region?: unknown; name?: unknown };
        const strings = (x: unknown) => (Array.isArray(x) && x.every((v) => typeof v === 'string') ? x : []);
        if (!claims.sub || typeof claims.tenant !== 'string') throw new Error('claims');
        return {
          id: claims.sub,
          issuer: DEV_ISSUER,
          name: typeof claims.name === 'string' ? claims.name : claims.sub,
          roles: strings(claims.roles),
          groups: strings(claims.groups),
          tenant: claims.tenant,
          region: typeof claims.region === 'string' ? claims.region : undefined,
        };
      } catch (e) {
        throw new UnauthenticatedError('INVALID_TOKEN', 'the token does not verify (signature, issuer, audience or expiry)', {}, { cause: e });
      }
    },
  };
}
