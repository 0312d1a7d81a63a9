import { describe, expect, it } from 'vitest';
import { areasOf, homeOf, isExpired, userFromToken } from './tokenClaims.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.signature`;

describe('userFromToken', () => {
  it('reads the user from the claims, names with non-ASCII characters included', () => {
    const token = jwt({ sub: 'dana', name: 'Dana Müller', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors', 7], tenant: 'ACME_EU', region: 'EMEA', exp: 1_900_000_000 });
    expect(userFromToken(`Bearer ${token}`)).toEqual({ id: 'dana', name: 'Dana Müller', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA', expiresAt: 1_900_000_000 });
  });

  it('refuses tokens without a subject or a tenant, and non-JWTs', () => {
    expect(userFromToken(jwt({ tenant: 'ACME_EU' }))).toBeUndefined();
    expect(userFromToken(jwt({ sub: 'x' }))).toBeUndefined();
    expect(userFromToken('not-a-token')).toBeUndefined();
    expect(userFromToken('a.%%%.c')).toBeUndefined();
  });

  it('knows when the token expired', () => {
    const user = userFromToken(jwt({ sub: 'x', tenant: 't', exp: 1_000 }))!;
    expect(isExpired(user, new Date(999_000))).toBe(false);
    expect(isExpired(user, new Date(1_000_000))).toBe(true);
  });
});

describe('areas by role', () => {
  it('offers the worklist to case workers, definitions to admins, diff and audit to auditors and admins', () => {
    expect(areasOf({ roles: ['SALES_REP'], groups: ['sales-reps'] })).toEqual({ worklist: true, definitions: false, diff: false, audit: false });
    expect(areasOf({ roles: ['AUDITOR'], groups: [] })).toEqual({ worklist: false, definitions: false, diff: true, audit: true });
    expect(areasOf({ roles: ['GOVERNANCE_ADMIN'], groups: [] })).toEqual({ worklist: false, definitions: true, diff: true, audit: true });
    expect(homeOf({ roles: ['GOVERNANCE_ADMIN'], groups: [] })).toBe('/studio/definitions');
    expect(homeOf({ roles: ['AUDITOR'], groups: [] })).toBe('/studio/audit');
    expect(homeOf({ roles: [], groups: ['sales-managers'] })).toBe('/studio/worklist');
  });
});
