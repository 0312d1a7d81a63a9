/**
 * The signed-in user, read from the claims of the access token. The studio does not verify the
 * token (the runtime does, on every call); it only shows who it acts as and which areas to offer.
 */

/** The user as the studio shows it. */
export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  groups: string[];
  tenant: string;
  region?: string;
  /** Expiry (seconds since the epoch), when the token has one. */
  expiresAt?: number;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The user of a compact JWT, or undefined when it is not one or names no subject and tenant. */
export function userFromToken(token: string): SessionUser | undefined {
  const parts = token.replace(/^Bearer\s+/i, '').split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    claims = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.tenant !== 'string') return undefined;
  return {
    id: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    roles: strings(claims.roles),
    groups: strings(claims.groups),
    tenant: claims.tenant,
    ...(typeof claims.region === 'string' ? { region: claims.region } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
  };
}

/** Whether the token's expiry has passed at `now`. */
export function isExpired(user: SessionUser, now: Date): boolean {
  return user.expiresAt !== undefined && user.expiresAt * 1000 <= now.getTime();
}

/** The studio areas a user may open (the runtime still checks every call). */
export interface Areas {
  worklist: boolean;
  definitions: boolean;
  diff: boolean;
  audit: boolean;
}

/** Worklist for case workers (anyone with candidate groups), Definitions for governance admins, Diff and Audit for auditors and admins. */
export function areasOf(user: Pick<SessionUser, 'roles' | 'groups'>): Areas {
  const admin = user.roles.includes('GOVERNANCE_ADMIN');
  const reader = admin || user.roles.includes('AUDITOR');
  return { worklist: user.groups.length > 0, definitions: admin, diff: reader, audit: reader };
}

/** Where a user lands after signing in. */
export function homeOf(user: Pick<SessionUser, 'roles' | 'groups'>): string {
  const areas = areasOf(user);
  if (areas.worklist) return '/studio/worklist';
  if (areas.definitions) return '/studio/definitions';
  if (areas.audit) return '/studio/audit';
  return '/studio/worklist';
}
