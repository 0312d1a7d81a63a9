import type { Health } from '@mandate/client';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../ui/Loading.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { DEMO_USERS } from './demoUsers.js';
import { useSessionState } from './SessionContext.js';
import { homeOf } from './tokenClaims.js';

/** Dev mode: pick a demo user. JWT mode: paste an access token of the configured issuer. */
export function LoginPage() {
  const { anonymous, session, signInAsDemoUser, signInWithToken } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [health, setHealth] = useState<Health>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [token, setToken] = useState('');

  useEffect(() => {
    anonymous.health().then(setHealth, setError);
  }, [anonymous]);

  if (session) return <Navigate to={from ?? homeOf(session.user)} replace />;

  const signIn = async (userId: string) => {
    setBusy(userId);
    setError(undefined);
    try {
      const user = await signInAsDemoUser(userId);
      void navigate(from ?? homeOf(user), { replace: true });
    } catch (e) {
      setError(e);
      setBusy(undefined);
    }
  };

  const pasteToken = (event: FormEvent) => {
    event.preventDefault();
    if (!signInWithToken(token)) setError(new Error('That is not a JWT with a subject and a tenant claim.'));
  };

  return (
    <main className="login" id="main">
      <h1>Sign in to Mandate</h1>
      {error !== undefined && <ProblemMessage error={error} title="Sign-in failed" />}
      {!health && error === undefined && <Loading what="Asking the runtime" />}
      {health?.auth === 'dev' && (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">Development identity: choose a demo user</h2>
          <p className="warning-banner">Dev mode: these tokens are for demos only. The runtime refuses this mode in production.</p>
          <ul className="user-picker">
            {DEMO_USERS.map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => void signIn(u.id)} disabled={busy !== undefined} aria-label={`Sign in as ${u.id}, ${u.hint}`}>
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
