import type { Principal } from './Principal.js';
import type { PrincipalDirectory } from './PrincipalDirectory.js';

/** Turns the Authorization header of a request into a verified principal. */
export interface Identity {
  mode: 'dev' | 'jwt';
  /** Throws UnauthenticatedError (401) for a missing or bad token, UnavailableError (503) when keys cannot be fetched. */
  verify: (authorization: string | undefined) => Promise<Principal>;
  /** Who else is who (roles and groups of a person other than the caller); absent: nobody else is known. */
  directory?: PrincipalDirectory;
  /** Dev mode only. */
  issueDevToken?: (userId: string) => Promise<string>;
}
