import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../session/SessionContext.js';
import { areasOf } from '../session/tokenClaims.js';

/** The frame of every signed-in page: skip link, navigation by role, who is signed in. */
export function Shell() {
  const { user, signOut } = useSession();
  const areas = areasOf(user);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <span className="brand">Mandate</span>
        <nav aria-label="Studio areas">
          <ul>
            {areas.worklist && (
              <li>
                <NavLink to="/studio/worklist">Worklist</NavLink>
              </li>
            )}
            {areas.definitions && (
              <li>
                <NavLink to="/studio/definitions">Definitions</NavLink>
              </li>
            )}
            {areas.diff && (
              <li>
                <NavLink to="/studio/diff">Diff</NavLink>
              </li>
            )}
            {areas.audit && (
              <li>
                <NavLink to="/studio/audit">Audit</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="whoami">
          <span>
            <span className="user-name">{user.name}</span>
            <span className="muted small">
              {' '}
              {user.tenant}
              {user.region ? ` · ${user.region}` : ''}
            </span>
          </span>
          <button type="button" className="secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <div className="shell-main">
        <Outlet />
      </div>
    </>
  );
}
