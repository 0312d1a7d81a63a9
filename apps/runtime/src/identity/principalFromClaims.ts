/**
 * Maps the claims of a verified token to a principal. A mapped claim that is present with the
 * wrong type refuses the token instead of being dropped: a mapping mistake should be a loud 401
 * naming the claim, not a role list that is silently empty and shows up as puzzling 403s. Absent
 * (or null) optional claims take their defaults; a token without subject or tenant is refused,
 * because every read and write is scoped by them. The subject becomes the canonical principal id.
 */
import type { JWTPayload } from 'jose';
import { canonicalPrincipalId } from '@mandate/policy';
import { UnauthenticatedError } from '@mandate/problems';
import type { ClaimMapping, ClaimPath } from './identityConfig.js';
import type { Principal } from './Principal.js';

/** The principal of a token whose signature, issuer, audience and lifetime are already verified. */
export function principalFromClaims(issuer: string, payload: JWTPayload, claims: ClaimMapping): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub === '') throw claimsInvalid(['sub'], 'the token has no subject (sub)');
  // The canonical id (case and compatibility forms folded) is what four-eyes compares.
  const id = canonicalPrincipalId(sub);
  if (id === undefined) throw claimsInvalid(['sub'], 'the token\'s subject (sub) is not a principal id: letters, digits and . _ @ + | -, up to 255 characters');
  return {
    id,
    issuer,
    name: optional(payload, claims.name, isString, 'a string') ?? id,
    roles: optional(payload, claims.roles, isStringArray, 'an array of strings') ?? [],
    groups: optional(payload, claims.groups, isStringArray, 'an array of strings') ?? [],
    tenant: 'static' in claims.tenant ? claims.tenant.static : tenantAt(payload, claims.tenant.claim),
    region: optional(payload, claims.region, isString, 'a string'),
  };
}

function tenantAt(payload: JWTPayload, path: ClaimPath): string {
  const tenant = claimAt(payload, path);
  if (typeof tenant !== 'string' || tenant === '') throw claimsInvalid(path, `the token has no tenant: its ${path.join('.')} claim must be a non-empty string`);
  return tenant;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function optional<T>(payload: JWTPayload, path: ClaimPath, is: (value: unknown) => value is T, expected: string): T | undefined {
  const value = claimAt(payload, path);
  if (value === undefined || value === null) return undefined;
  if (!is(value)) throw claimsInvalid(path, `the token's ${path.join('.')} claim must be ${expected}`);
  return value;
}

/** The value at a claim path; own properties only, so a path can never reach a prototype. */
function claimAt(payload: JWTPayload, path: ClaimPath): unknown {
  let value: unknown = payload;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function claimsInvalid(path: ClaimPath, message: string): UnauthenticatedError {
  return new UnauthenticatedError('TOKEN_CLAIMS_INVALID', message, { claim: path.join('.') });
}
