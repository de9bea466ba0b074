import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { Badge } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { formatDate } from '../lib/format';
import { PLATFORM_ROLE_LABEL, orgRoleLabel } from '../lib/labels';

export function AccountPage() {
  useDocumentTitle('Your account');
  const { user, organisations, logout } = useAuth();
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  return (
    <div className="page page--narrow">
      <h1>Your account</h1>
      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd className="break">{user.email}</dd>
          </div>
          <div>
            <dt>Platform role</dt>
            <dd>
              {user.platform_role === 'none' ? (
                <span className="muted">None (an ordinary account)</span>
              ) : (
                <Badge tone="info">{PLATFORM_ROLE_LABEL[user.platform_role]}</Badge>
              )}
            </dd>
          </div>
          <div>
            <dt>Account created</dt>
            <dd>{formatDate(user.created_at)}</dd>
          </div>
        </dl>
        <p className="muted small">
          To change your password, <Link to="/forgot-password">ask for a reset link</Link>. Changing it logs you out everywhere.
        </p>
      </section>
      <section className="panel" aria-labelledby="orgs-title">
        <h2 id="orgs-title">Your organisations</h2>
        {organisations.length === 0 ? (
          <p>
            You are not in an organisation yet. <Link to="/organisations/new">Create one</Link> or ask a colleague to invite you.
          </p>
        ) : (
          <ul className="plain-list">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link> <span className="muted">· {orgRoleLabel(o.role)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <p>You stay logged in on this browser for up to 14 days.</p>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await logout().catch(() => undefined);
          }}
        >
          {busy ? 'Logging out…' : 'Log out'}
        </button>
      </section>
    </div>
  );
}
