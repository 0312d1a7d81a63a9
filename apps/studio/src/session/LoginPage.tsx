import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useHealth } from '../data/runtimeQueries.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DEMO_USERS } from './demoUsers.js';
import { useSessionState } from './SessionContext.js';
import { homeOf } from './tokenClaims.js';

/** Dev mode: pick a demo user. JWT mode: paste an access token of the configured issuer. */
export function LoginPage() {
  const { session, signInAsDemoUser, signInWithToken } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const healthQuery = useHealth();
  const health = healthQuery.data;
  const signIn = useMutation({ mutationFn: signInAsDemoUser, onSuccess: (user) => void navigate(from ?? homeOf(user), { replace: true }) });
  const [tokenError, setTokenError] = useState<Error>();
  const [token, setToken] = useState('');

  if (session) return <Navigate to={from ?? homeOf(session.user)} replace />;

  const pasteToken = (event: FormEvent) => {
    event.preventDefault();
    setTokenError(signInWithToken(token) ? undefined : new Error('That is not a JWT with a subject and a tenant claim.'));
  };
  const error = signIn.error ?? tokenError;

  return (
    <main className="login" id="main">
      <h1>Sign in to Mandate</h1>
      {error ? <ProblemMessage error={error} title="Sign-in failed" /> : <QueryStatus of={healthQuery} loading="Asking the runtime" errorTitle="Sign-in failed" />}
      {health?.auth === 'dev' && (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">Development identity: choose a demo user</h2>
          <p className="warning-banner">Dev mode: these tokens are for demos only. The runtime refuses this mode in production.</p>
          <ul className="user-picker">
            {DEMO_USERS.map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => signIn.mutate(u.id)} disabled={signIn.isPending || signIn.isSuccess} aria-label={`Sign in as ${u.id}, ${u.hint}`}>
                  <strong>{u.id}</strong>
                  <span>{u.hint}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {health?.auth === 'jwt' && (
        <form onSubmit={pasteToken} className="stack">
          <h2>Sign in with an access token</h2>
          <p>The runtime trusts tokens of its configured OIDC issuer. Paste an access token issued for this runtime.</p>
          <label htmlFor="token">Access token</label>
          <textarea id="token" value={token} onChange={(e) => setToken(e.target.value)} rows={4} required />
          <button type="submit">Sign in</button>
        </form>
      )}
    </main>
  );
}
