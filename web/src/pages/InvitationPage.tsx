import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ConfirmEmailBanner } from '../components/ConfirmEmailBanner';
import { FormAlert, Notice } from '../components/FormAlert';
import { Badge, ErrorState, Loading, NotFoundState } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { INVITATION_STATE_LABEL, ORG_ROLE_HINT, orgRoleLabel } from '../lib/labels';
import { placeError } from '../hooks/useFormErrors';

export function InvitationPage() {
  const { token = '' } = useParams();
  const { api, status, user, refresh, logout } = useAuth();
  const navigate = useNavigate();
  const invitation = useLoad(() => api.getInvitation(token), [api, token]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(invitation.data ? `Invitation to ${invitation.data.organisation.name}` : 'Invitation');

  if (invitation.status === 'loading') return <Loading label="Opening your invitation…" />;
  if (invitation.status === 'error') {
    if (invitation.error.isNotFound) return <NotFoundState what="invitation" />;
    return <ErrorState error={invitation.error} onRetry={invitation.reload} />;
  }
  const inv = invitation.data;
  const here = `/invitations/${encodeURIComponent(token)}`;
  const authQuery = `?next=${encodeURIComponent(here)}&email=${encodeURIComponent(inv.email)}`;
  const emailMatches = user ? user.email.trim().toLowerCase() === inv.email.trim().toLowerCase() : false;

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.acceptInvitation(token);
      await refresh();
      navigate(`/organisations/${encodeURIComponent(result.organisation.id)}`, {
        replace: true,
        state: { joined: result.role },
      });
    } catch (e) {
      setError(placeError(e, []).message);
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <section className="card invitation" aria-labelledby="invitation-title">
        <p className="eyebrow">Invitation</p>
        <h1 id="invitation-title">Join {inv.organisation.name} on ValueMark</h1>
        <dl className="facts">
          <div>
            <dt>Organisation</dt>
            <dd>{inv.organisation.name}</dd>
          </div>
          <div>
            <dt>Your role</dt>
            <dd>
              <strong>{orgRoleLabel(inv.role)}</strong>
              {inv.role in ORG_ROLE_HINT ? <span className="muted"> — {ORG_ROLE_HINT[inv.role]}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Sent to</dt>
            <dd>{inv.email}</dd>
          </div>
          <div>
            <dt>State</dt>
            <dd>
              <Badge tone={inv.state === 'pending' ? 'info' : inv.state === 'accepted' ? 'success' : 'warning'}>
                {INVITATION_STATE_LABEL[inv.state] ?? inv.state}
              </Badge>
            </dd>
          </div>
        </dl>

        {inv.state !== 'pending' ? (
          <Notice tone="warning">
            {inv.state === 'accepted'
              ? 'This invitation has already been accepted.'
              : inv.state === 'revoked'
                ? 'This invitation was withdrawn by the organisation. Ask them for a new one if you still need to join.'
                : 'This invitation has expired. Ask the organisation to send a new one.'}{' '}
            <Link to="/">Go to your organisations</Link>
          </Notice>
        ) : status !== 'signed-in' || !user ? (
          <>
            <p>
              To accept, create a ValueMark account with <strong>{inv.email}</strong>, or log in if you already have one.
            </p>
            <div className="form-actions">
              <Link className="button button--primary" to={`/signup${authQuery}`}>
                Create an account
              </Link>
              <Link className="button button--secondary" to={`/login${authQuery}`}>
                Log in
              </Link>
            </div>
          </>
        ) : (
          <>
            <FormAlert message={error} title="The invitation could not be accepted" />
            {emailMatches ? <ConfirmEmailBanner blocked="accept this invitation" /> : null}
            {!emailMatches ? (
              <Notice tone="warning">
                You are logged in as <strong>{user.email}</strong>, but this invitation was sent to <strong>{inv.email}</strong>.
                Only that account can accept it.
              </Notice>
            ) : (
              <p>
                You are logged in as <strong>{user.email}</strong>.
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button button--primary" onClick={accept} disabled={busy} aria-busy={busy || undefined}>
                {busy ? 'Accepting…' : 'Accept invitation'}
              </button>
              {!emailMatches ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={async () => {
                    await logout().catch(() => undefined);
                    navigate(`/login${authQuery}`);
                  }}
                >
                  Log out and switch account
                </button>
              ) : null}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
