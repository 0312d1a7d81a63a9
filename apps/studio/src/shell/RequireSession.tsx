import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSessionState } from '../session/SessionContext.js';

/** Renders its children for a signed-in user; otherwise sends them to the login page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSessionState();
  const location = useLocation();
  if (!session) return <Navigate to="/studio/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}
