import type { Principal } from './Principal.js';

/** Turns the Authorization header of a request into a verified principal. */
export interface Identity {
  mode: 'dev' | 'jwt';
  /** Throws UnauthenticatedError (401) for a missing or bad token, UnavailableError (503) when keys cannot be fetched. */
  verify: (authorization: string | undefined) => Promise<Principal>;
  /** Dev mode only. */
  issueDevToken?: (userId: string) => Promise<string>;
}
