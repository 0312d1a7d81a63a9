/**
 * The session: the signed-in user's token (kept in sessionStorage, so each tab is its own
 * session), a MandateClient acting as that user, and sign in / sign out. Every area talks to the
 * runtime through `useSession().client`, by way of the data layer (src/data).
 */
import { MandateClient } from '@mandate/client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { isExpired, userFromToken, type SessionUser } from './tokenClaims.js';

const STORAGE_KEY = 'mandate.token';

/** What `useSession()` gives a signed-in area. */
export interface Session {
  client: MandateClient;
  user: SessionUser;
  signOut: () => void;
}

interface SessionState {
  /** The runtime, without a token (health, dev tokens). */
  anonymous: MandateClient;
  session: Session | undefined;
  /** Signs in with a bearer token; false when the token carries no usable claims. */
  signInWithToken: (token: string) => boolean;
  /** Dev identity: a token for a demo user, through the client. */
  signInAsDemoUser: (userId: string) => Promise<SessionUser>;
}

const SessionStateContext = createContext<SessionState | undefined>(undefined);

function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Provides the session to the studio; the runtime is the page's own origin unless `baseUrl` says
 * otherwise. `onUserChange` runs before the signed-in user changes (sign in, sign out), so the
 * next user never sees what the server showed the previous one (the cached server state).
 */
export function SessionProvider({ children, baseUrl = window.location.origin, onUserChange }: { children: ReactNode; baseUrl?: string; onUserChange?: () => void }) {
  const anonymous = useMemo(() => new MandateClient({ baseUrl }), [baseUrl]);
  const [token, setToken] = useState<string | undefined>(() => {
    const stored = storedToken();
    const user = stored ? userFromToken(stored) : undefined;
    return user && !isExpired(user, new Date()) ? stored : undefined;
  });

  const changeUser = useCallback(
    (next: string | undefined) => {
      onUserChange?.();
      if (next === undefined) sessionStorage.removeItem(STORAGE_KEY);
      else sessionStorage.setItem(STORAGE_KEY, next);
      setToken(next);
    },
    [onUserChange],
  );

  const signOut = useCallback(() => changeUser(undefined), [changeUser]);

  const signInWithToken = useCallback(
    (next: string) => {
      const bare = next.trim().replace(/^Bearer\s+/i, '');
      if (!userFromToken(bare)) return false;
      changeUser(bare);
      return true;
    },
    [changeUser],
  );

  const signInAsDemoUser = useCallback(
    async (userId: string) => {
      const { token: issued } = await anonymous.devToken(userId);
      const user = userFromToken(issued);
      if (!user) throw new Error('the runtime issued a token without user claims');
      changeUser(issued);
      return user;
    },
    [anonymous, changeUser],
  );

  const session = useMemo<Session | undefined>(() => {
    const user = token ? userFromToken(token) : undefined;
    if (!token || !user) return undefined;
    return { client: anonymous.withToken(token), user, signOut };
  }, [anonymous, token, signOut]);

  const state = useMemo<SessionState>(() => ({ anonymous, session, signInWithToken, signInAsDemoUser }), [anonymous, session, signInWithToken, signInAsDemoUser]);
  return <SessionStateContext.Provider value={state}>{children}</SessionStateContext.Provider>;
}

/** The session state, signed in or not (login page, shell). */
export function useSessionState(): SessionState {
  const state = useContext(SessionStateContext);
  if (!state) throw new Error('useSessionState() outside <SessionProvider>');
  return state;
}

/** The signed-in session; only inside routes that require one. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession() needs a signed-in user: render it under <RequireSession>');
  return session;
}
