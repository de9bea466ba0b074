import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { isStaff } from '../lib/labels';
import { ErrorState, Loading } from './States';

/** Pages behind a session: without one, the login page (and back after). */
export function RequireAuth() {
  const { status, error, refresh, signOutReason } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading label="Checking your session…" />;
  if (status === 'unavailable' && error) return <ErrorState error={error} onRetry={() => void refresh()} title="ValueMark is not answering" />;
  if (status === 'signed-out') {
    if (signOutReason === 'logout') return <Navigate to="/login" replace state={{ loggedOut: true }} />;
    const next = location.pathname + location.search;
    return (
      <Navigate
        to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`}
        replace
        state={signOutReason === 'expired' ? { expired: true } : undefined}
      />
    );
  }
  return <Outlet />;
}

/**
 * A page with two faces: `children` for a session, `visitor` for someone
 * signed out (the front door at "/", which says so when a session ended).
 */
export function SignedInOr({ visitor, children }: { visitor: React.ReactNode; children: React.ReactNode }) {
  const { status, error, refresh } = useAuth();
  if (status === 'loading') return <Loading label="Checking your session…" />;
  if (status === 'unavailable' && error) return <ErrorState error={error} onRetry={() => void refresh()} title="ValueMark is not answering" />;
  if (status === 'signed-out') return <>{visitor}</>;
  return <>{children}</>;
}

/** Pages for platform staff; `admin` narrows it to administrators. */
export function RequireStaff({ admin = false }: { admin?: boolean }) {
  const { user } = useAuth();
  const allowed = admin ? user?.platform_role === 'administrator' : isStaff(user?.platform_role);
  if (!allowed) {
    return (
      <section className="page page--narrow">
        <h1>This page is for platform staff</h1>
        <p>
          {admin
            ? 'Only a ValueMark administrator can see this page.'
            : 'Only ValueMark assessors and administrators can see this page.'}{' '}
          If you think you should have access, ask an administrator.
        </p>
      </section>
    );
  }
  return <Outlet />;
}

/** Login and sign-up are for visitors: a signed-in user goes on. */
export function RedirectIfSignedIn({ children }: { children: React.ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading label="Checking your session…" />;
  if (status === 'signed-in') {
    const next = safeNext(new URLSearchParams(location.search).get('next'));
    return <Navigate to={next} replace />;
  }
  return <>{children}</>;
}

/** Only same-site paths are followed after login ("/x", never "//host" or a URL). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
