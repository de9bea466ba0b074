import { useRef, useState, type FormEvent } from 'react';
import type { Invitation, OrgRole } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { CsvButton } from '../../components/CsvButton';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormErrors, placeError } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { INVITATION_STATE_LABEL, ORG_ROLES, ORG_ROLE_LABEL, orgRoleLabel } from '../../lib/labels';
import { checkEmail } from '../../lib/validation';
import { useOrg } from './context';

const FIELDS = ['email', 'role'] as const;

/** The accept URL as a full address, whether the server sent a path or a URL. */
export function absoluteUrl(url: string, origin: string = window.location.origin): string {
  try {
    return new URL(url, origin).toString();
  } catch {
    return url;
  }
}

function InviteForm({ onCreated }: { onCreated: (email: string, url: string) => void }) {
  const { api, orgId } = useOrg();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkEmail(email);
    if (problem) {
      errors.setFieldErrors({ email: problem });
      errors.setFormError(null);
      emailRef.current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      const created = await api.createInvitation(orgId, { email: email.trim(), role });
      onCreated(created.invitation.email, absoluteUrl(created.accept_url));
      setEmail('');
      setRole('member');
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="invite-form" aria-labelledby="invite-title">
      <h3 id="invite-title">Invite a colleague</h3>
      <FormAlert message={errors.formError} title="The invitation was not sent" />
      <div className="form-row form-row--invite">
        <TextField
          ref={emailRef}
          id="invite-email"
          label="Email address"
          type="email"
          name="email"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fieldErrors.email}
        />
        <SelectField
          id="invite-role"
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as OrgRole)}
          error={errors.fieldErrors.role}
        >
          {ORG_ROLES.map((r) => (
            <option key={r} value={r}>
              {ORG_ROLE_LABEL[r]}
            </option>
          ))}
        </SelectField>
        <div className="form-row__button">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </div>
    </form>
  );
}

function InvitationRow({ inv, canRevoke, onRevoked }: { inv: Invitation; canRevoke: boolean; onRevoked: () => Promise<void> }) {
  const { api, orgId, notify } = useOrg();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tone = inv.state === 'pending' ? 'info' : inv.state === 'accepted' ? 'success' : 'neutral';
  return (
    <li className="invitation-row">
      <div>
        <p className="person__name">{inv.email}</p>
        <p className="muted small">
          {orgRoleLabel(inv.role)} · sent {formatDate(inv.created_at)}
          {inv.state === 'pending' ? ` · expires ${formatDate(inv.expires_at)}` : ''}
          {inv.state === 'accepted' && inv.accepted_at ? ` · accepted ${formatDate(inv.accepted_at)}` : ''}
        </p>
      </div>
      <div className="person__actions">
        <Badge tone={tone}>{INVITATION_STATE_LABEL[inv.state] ?? inv.state}</Badge>
        {canRevoke && inv.state === 'pending' ? (
          <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> the invitation to {inv.email}</span>
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        danger
        busy={busy}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          try {
            await api.revokeInvitation(orgId, inv.id);
            setConfirming(false);
            await onRevoked();
            notify(`The invitation to ${inv.email} was revoked`);
          } catch (e) {
            setError(placeError(e, []).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>The link sent to {inv.email} will stop working. You can invite them again later.</p>
      </ConfirmDialog>
    </li>
  );
}

export function InvitationsSection() {
  const { api, dashboard, canEdit, orgId, reload, notify } = useOrg();
  const [created, setCreated] = useState<{ email: string; url: string } | null>(null);
  const [showAll, setShowAll] = useState(false);
  // Editors see every invitation with its state; others see the pending ones.
  const all = useLoad(
    async () => (canEdit && showAll ? (await api.listInvitations(orgId, { limit: 200 })).items : null),
    [api, orgId, canEdit, showAll, dashboard],
  );
  const list: Invitation[] = showAll && all.data ? all.data : dashboard.invitations;

  return (
    <section className="panel" aria-labelledby="invitations-title" id="invitations">
      <div className="panel__head">
        <h2 id="invitations-title">
          Invitations <span className="count">{dashboard.invitations.length} pending</span>
        </h2>
        <CsvButton
          title={`Invitations of ${dashboard.organisation.name}`}
          rows={list}
          columns={[
            { header: 'Email', value: (i) => i.email },
            { header: 'Role', value: (i) => orgRoleLabel(i.role) },
            { header: 'State', value: (i) => INVITATION_STATE_LABEL[i.state] ?? i.state },
            { header: 'Created', value: (i) => i.created_at },
            { header: 'Expires', value: (i) => i.expires_at },
            { header: 'Accepted', value: (i) => i.accepted_at },
          ]}
        />
        {canEdit ? (
          <button type="button" className="button button--quiet button--small" aria-pressed={showAll} onClick={() => setShowAll((s) => !s)}>
            {showAll ? 'Show pending only' : 'Show all, with their state'}
          </button>
        ) : null}
      </div>
      {canEdit ? (
        <InviteForm
          onCreated={async (email, url) => {
            setCreated({ email, url });
            await reload();
            notify(`Invitation created for ${email}`);
          }}
        />
      ) : null}
      {created ? (
        <div className="alert alert--success invite-link" role="status">
          <p className="alert__title">Invitation created for {created.email}</p>
          <p>We have emailed them this link. You can also copy it and send it yourself. It works for 14 days.</p>
          <div className="copy-row">
            <label htmlFor="invite-link" className="visually-hidden">
              Invitation link
            </label>
            <input id="invite-link" className="input input--mono" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={created.url} />
          </div>
          <button type="button" className="link-button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
      {showAll && all.status === 'loading' ? <Loading label="Loading invitations…" /> : null}
      {showAll && all.status === 'error' ? <ErrorState error={all.error} onRetry={all.reload} /> : null}
      {list.length === 0 ? (
        <EmptyState title={showAll ? 'No invitations yet' : 'No pending invitations'}>
          {canEdit ? <p>Invite colleagues by email: they join with the role you choose once they accept.</p> : null}
        </EmptyState>
      ) : (
        <ul className="people" aria-label="Invitations">
          {list.map((inv) => (
            <InvitationRow key={inv.id} inv={inv} canRevoke={canEdit} onRevoked={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
