import { useState } from 'react';
import type { Member, OrgRole } from '../../api';
import { CsvButton } from '../../components/CsvButton';
import { ConfirmDialog } from '../../components/Dialog';
import { Badge } from '../../components/States';
import { placeError } from '../../hooks/useFormErrors';
import { formatDate } from '../../lib/format';
import { ORG_ROLES, ORG_ROLE_LABEL, orgRoleLabel } from '../../lib/labels';
import { useOrg } from './context';

function MemberRow({ member }: { member: Member }) {
  const { api, dashboard, canEdit, me, reload, notify, orgId } = useOrg();
  const [role, setRole] = useState<OrgRole>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const reps = dashboard.representatives;
  const isLeadRep = reps.lead?.user_id === member.user_id;
  const isSeniorRep = reps.senior_leader?.user_id === member.user_id;
  const you = member.user_id === me.id;
  const selectId = `role-${member.user_id}`;
  const errorId = `${selectId}-error`;

  const saveRole = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.updateMember(orgId, member.user_id, role);
      await reload();
      notify(`${member.name} is now ${ORG_ROLE_LABEL[role].toLowerCase()}`);
    } catch (e) {
      setError(placeError(e, []).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setRemoveError(null);
    try {
      await api.removeMember(orgId, member.user_id);
      setConfirming(false);
      await reload();
      notify(`${member.name} was removed`);
    } catch (e) {
      setRemoveError(placeError(e, []).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="person">
      <div className="person__who">
        <p className="person__name">
          {member.name}
          {you ? <span className="muted"> (you)</span> : null}
        </p>
        <p className="person__email">{member.email}</p>
        <p className="person__tags">
          {isLeadRep ? <Badge tone="info">Social Value Lead</Badge> : null}
          {isSeniorRep ? <Badge tone="info">Senior Leader</Badge> : null}
          <span className="muted small">Joined {formatDate(member.joined_at)}</span>
        </p>
      </div>
      {canEdit ? (
        <div className="person__actions">
          <div className="inline-field">
            <label htmlFor={selectId} className="visually-hidden">
              Role of {member.name}
            </label>
            <select
              id={selectId}
              className="input select input--small"
              value={role}
              onChange={(e) => {
                setRole(e.target.value as OrgRole);
                setError(null);
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            >
              {ORG_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ORG_ROLE_LABEL[r]}
                </option>
              ))}
            </select>
            {role !== member.role ? (
              <button type="button" className="button button--primary button--small" onClick={saveRole} disabled={busy}>
                {busy ? 'Saving…' : <>Save role<span className="visually-hidden"> of {member.name}</span></>}
              </button>
            ) : null}
          </div>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              setRemoveError(null);
              setConfirming(true);
            }}
          >
            Remove<span className="visually-hidden"> {member.name}</span>
          </button>
          {error ? (
            <p id={errorId} className="field__error person__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="person__actions">
          <Badge tone={member.role === 'member' ? 'neutral' : 'info'}>{orgRoleLabel(member.role)}</Badge>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={you ? 'Leave this organisation?' : `Remove ${member.name}?`}
        confirmLabel={you ? 'Leave' : 'Remove'}
        danger
        busy={busy}
        error={removeError}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {you
            ? `You will lose access to ${dashboard.organisation.name}.`
            : `${member.name} (${member.email}) will lose access to ${dashboard.organisation.name}.`}{' '}
          {isLeadRep || isSeniorRep ? 'They will also stop being a named representative. ' : ''}
          This is recorded in the history.
        </p>
      </ConfirmDialog>
    </li>
  );
}

export function MembersSection() {
  const { dashboard } = useOrg();
  const members = [...dashboard.members].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel" aria-labelledby="people-title" id="people">
      <div className="panel__head">
        <h2 id="people-title">
          People <span className="count">{members.length}</span>
        </h2>
        <CsvButton
          title={`Members of ${dashboard.organisation.name}`}
          rows={members}
          columns={[
            { header: 'Name', value: (m) => m.name },
            { header: 'Email', value: (m) => m.email },
            { header: 'Role', value: (m) => orgRoleLabel(m.role) },
            { header: 'Joined', value: (m) => m.joined_at },
          ]}
        />
      </div>
      <ul className="people" aria-label="Members">
        {members.map((m) => (
          <MemberRow key={`${m.user_id}:${m.role}`} member={m} />
        ))}
      </ul>
    </section>
  );
}
