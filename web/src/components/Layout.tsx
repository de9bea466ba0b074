import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Api } from '../api';
import { useAuth } from '../auth/AuthContext';
import { isBroker, isStaff, orgRoleLabel } from '../lib/labels';
import { NOTIFICATIONS_READ_EVENT } from '../pages/NotificationsPage';
import { Menu } from './Menu';

function Logo() {
  return (
    <svg className="brand__mark" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M8 9l8 15 8-15" fill="none" stroke="var(--brand-accent)" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase() || '?';
}

/**
 * A count for the header (unread notifications, tasks waiting), fetched
 * again on every page and when the notifications are read.
 */
function useHeaderCount(enabled: boolean, count: (api: Api) => Promise<number>): number {
  const { api } = useAuth();
  const location = useLocation();
  const [value, setValue] = useState(0);
  const [tick, setTick] = useState(0);
  const countRef = useRef(count);
  countRef.current = count;
  useEffect(() => {
    const onRead = () => setTick((t) => t + 1);
    window.addEventListener(NOTIFICATIONS_READ_EVENT, onRead);
    return () => window.removeEventListener(NOTIFICATIONS_READ_EVENT, onRead);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    countRef
      .current(api)
      .then((n) => live && setValue(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, enabled, location.pathname, tick]);
  return enabled ? value : 0;
}

const countUnread = (api: Api) => api.notifications(1).then((n) => n.unread);
const countTasks = (api: Api) => api.tasks().then((t) => t.length);

export function AppHeader() {
  const { status, user, organisations, logout } = useAuth();
  const navigate = useNavigate();
  const signedIn = status === 'signed-in' && user;
  const unread = useHeaderCount(Boolean(signedIn), countUnread);
  const waiting = useHeaderCount(Boolean(signedIn), countTasks);

  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand__name">ValueMark</span>
        </Link>
        {signedIn ? (
          <nav className="app-nav" aria-label="Main">
            <Menu label="Organisations" align="start">
              <p className="menu__heading" aria-hidden="true">
                Your organisations
              </p>
              {organisations.length === 0 ? <p className="menu__note">You are not in an organisation yet.</p> : null}
              {organisations.map((o) => (
                <Link key={o.id} to={`/organisations/${encodeURIComponent(o.id)}`} className="menu__item">
                  <span className="menu__item-title">{o.name}</span>
                  <span className="menu__item-meta">{orgRoleLabel(o.role)}</span>
                </Link>
              ))}
              <hr className="menu__sep" />
              {organisations.length > 0 ? (
                <Link to="/partnerships" className="menu__item">
                  Partnerships
                </Link>
              ) : null}
              {organisations.length > 0 ? (
                <Link to="/benchmarks" className="menu__item">
                  Benchmarks
                </Link>
              ) : null}
              {!isBroker(user.platform_role) && !isStaff(user.platform_role) ? (
                <Link to="/support" className="menu__item">
                  Help and resources
                </Link>
              ) : null}
              <Link to="/" className="menu__item">
                All your organisations
              </Link>
              <Link to="/organisations/new" className="menu__item">
                Create an organisation
              </Link>
            </Menu>
            {/* A broker finds the public directory in the Broker menu, an administrator the broker's pages in
                the Staff menu: the header stays one line on a phone. */}
            {isBroker(user.platform_role) && !isStaff(user.platform_role) ? (
              <Menu label="Broker" align="start">
                <NavLink to="/broker/needs" className="menu__item">
                  Needs to broker
                </NavLink>
                <hr className="menu__sep" />
                <NavLink to="/directory" end className="menu__item">
                  Public directory
                </NavLink>
                <NavLink to="/support" className="menu__item">
                  Help and resources
                </NavLink>
                <NavLink to="/broker/directory" end className="menu__item">
                  Every directory entry
                </NavLink>
                <NavLink to="/broker/directory/new" className="menu__item">
                  Add an enterprise
                </NavLink>
                <NavLink to="/broker/directory/import" className="menu__item">
                  Import from CSV
                </NavLink>
              </Menu>
            ) : null}
            {!isBroker(user.platform_role) && !isStaff(user.platform_role) ? (
              <>
                <NavLink to="/directory" className="app-nav__link">
                  Directory
                </NavLink>
                {/* On a phone the header stays one line: there Help is in the Organisations menu. */}
                <NavLink to="/support" className="app-nav__link support-nav-link support-nav-link--wide">
                  Help
                </NavLink>
              </>
            ) : null}
            {isStaff(user.platform_role) ? (
              <Menu label="Staff" align="start">
                <NavLink to="/staff/organisations" className="menu__item">
                  All organisations
                </NavLink>
                <NavLink to="/staff/applications" className="menu__item">
                  Review queue
                </NavLink>
                {user.platform_role === 'assessor' ? (
                  <NavLink to="/consultant/engagements" className="menu__item">
                    My engagements
                  </NavLink>
                ) : null}
                {user.platform_role === 'administrator' ? (
                  <>
                    <NavLink to="/staff/rounds" className="menu__item">
                      Rounds
                    </NavLink>
                    <NavLink to="/admin/preparation-calls" className="menu__item">
                      Preparation calls
                    </NavLink>
                    <NavLink to="/admin/support" className="menu__item">
                      Support registers
                    </NavLink>
                    <NavLink to="/staff/membership" className="menu__item">
                      Membership requests
                    </NavLink>
                    <NavLink to="/staff/appeals" className="menu__item">
                      Appeals
                    </NavLink>
                    <NavLink to="/staff/complaints" className="menu__item">
                      Complaints
                    </NavLink>
                    <NavLink to="/staff/invoices" className="menu__item">
                      Invoices
                    </NavLink>
                    <NavLink to="/staff/schemes" className="menu__item">
                      Scheme versions
                    </NavLink>
                    <NavLink to="/staff/users" className="menu__item">
                      Users
                    </NavLink>
                    <NavLink to="/staff/history" className="menu__item">
                      Platform history
                    </NavLink>
                    <hr className="menu__sep" />
                    <NavLink to="/broker/needs" className="menu__item">
                      Needs to broker
                    </NavLink>
                    <NavLink to="/broker/directory" className="menu__item">
                      Directory (broker)
                    </NavLink>
                  </>
                ) : null}
                <NavLink to="/directory" end className="menu__item">
                  Public directory
                </NavLink>
                <NavLink to="/support" className="menu__item">
                  Help and resources
                </NavLink>
              </Menu>
            ) : null}
            <NavLink to="/" end className="app-nav__link tasks-link" aria-label={waiting > 0 ? `To do: ${waiting} waiting for you` : 'To do: nothing waiting for you'}>
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M9 6h11M9 12h11M9 18h11M3.5 6l1.5 1.5L7.5 5M3.5 12l1.5 1.5 2.5-2.5M3.5 18l1.5 1.5 2.5-2.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              <span className="tasks-link__text" aria-hidden="true">
                To do
              </span>
              {waiting > 0 ? (
                <span className="notifications-link__count" aria-hidden="true">
                  {waiting > 99 ? '99+' : waiting}
                </span>
              ) : null}
            </NavLink>
            <NavLink
              to="/notifications"
              className="app-nav__link notifications-link"
              aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                  d="M12 3a6 6 0 0 0-6 6v3.5L4 16h16l-2-3.5V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinejoin="round"
                />
              </svg>
              {unread > 0 ? (
                <span className="notifications-link__count" aria-hidden="true">
                  {unread > 99 ? '99+' : unread}
                </span>
              ) : null}
            </NavLink>
            <Menu
              className="account-menu"
              ariaLabel={`Account: ${user.name}`}
              label={
                <>
                  <span className="avatar" aria-hidden="true">
                    {initials(user.name)}
                  </span>
                  <span className="account-menu__name">{user.name}</span>
                </>
              }
            >
              <p className="menu__note">
                Signed in as <strong>{user.email}</strong>
              </p>
              <Link to="/account" className="menu__item">
                Your account
              </Link>
              <button
                type="button"
                className="menu__item"
                onClick={() => {
                  // On a page behind the session, the guard then shows /login.
                  void logout()
                    .catch(() => undefined)
                    .then(() => navigate('/login', { replace: true, state: { loggedOut: true } }));
                }}
              >
                Log out
              </button>
            </Menu>
          </nav>
        ) : status === 'signed-out' ? (
          <nav className="app-nav app-nav--visitor" aria-label="Main">
            <NavLink to="/directory" className="app-nav__link">
              Directory
            </NavLink>
            <NavLink to="/support" className="app-nav__link support-nav-link">
              Help
            </NavLink>
            <NavLink to="/schemes" className="app-nav__link">
              Schemes
            </NavLink>
            <NavLink to="/login" className="app-nav__link">
              Log in
            </NavLink>
            <NavLink to="/signup" className="app-nav__link app-nav__link--cta">
              Sign up
            </NavLink>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

/** Moves focus to the page's heading after a client-side navigation. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = window.setTimeout(() => {
      const main = document.getElementById('main');
      const h1 = main?.querySelector<HTMLElement>('h1');
      const target = h1 ?? main;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: false });
    }, 0);
    return () => window.clearTimeout(t);
  }, [location.pathname]);
}

export function Layout() {
  useFocusOnNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppHeader />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>
          ValueMark · measure, manage and prove social value · <Link to="/schemes">Certification schemes</Link> ·{' '}
          <Link to="/directory">Directory of social enterprises</Link> ·{' '}
          <Link to="/support">Help and resources</Link> ·{' '}
          <Link to="/register">Register of certified organisations</Link> ·{' '}
          <Link to="/verify">Verify a certificate</Link>
        </p>
      </footer>
    </div>
  );
}
